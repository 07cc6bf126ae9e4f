/**
 * CloudMailin outbound (the CloudMailin seed): the SMTP preset (AUTH only after STARTTLS), the VERP envelope on the
 * {@code mta.} return-path domain, the "Queued as" message id, the pre-send rules and the event webhook codec.
 */
package dev.mailgate.cloudmailin;
