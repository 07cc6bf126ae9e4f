package dev.mailgate.smtp;

import dev.mailgate.core.MailException;
import dev.mailgate.core.transport.SendReceipt;
import java.time.Duration;

/**
 * Observes an {@link SmtpTransport}, for metrics and tracing bridges. Called on the sending thread; keep it
 * fast, and do not throw (an exception from a listener is logged and ignored).
 */
public interface TransportListener {
    /** A new connection is ready (greeting, EHLO, TLS and AUTH done). */
    default void connected(String host, int port, boolean tls, Duration took) {
    }

    default void sent(SendReceipt receipt, int attempt) {
    }

    /** An attempt failed and will be retried after {@code delay}. */
    default void retrying(String messageId, int attempt, MailException error, Duration delay) {
    }

    /** The send failed for good. */
    default void failed(String messageId, MailException error) {
    }
}
