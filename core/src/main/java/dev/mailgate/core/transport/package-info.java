/** Sending: the {@link dev.mailgate.core.transport.Transport} API, receipts, SMTP replies and the send errors. */
package dev.mailgate.core.transport;
