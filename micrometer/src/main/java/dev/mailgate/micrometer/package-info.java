/**
 * Micrometer for Mailgate: {@link dev.mailgate.micrometer.MailgateMetrics#bindTo} gives the listeners that turn
 * each component's steps into meters and Observations; docs/metrics.md lists every meter, tag and observation.
 */
package dev.mailgate.micrometer;
