/**
 * The state several application instances share in one database (issue 23), apart from the suppression lists:
 * {@link dev.mailgate.suppression.shared.SharedState} opens it (and migrates the one schema) and hands out the
 * shared send quota, the durable webhook de-duplication, the claimed callback outbox and named
 * {@link dev.mailgate.suppression.shared.Leases}. See docs/scaling.md.
 */
package dev.mailgate.suppression.shared;
