package dev.mailgate.core;

/**
 * The root of every exception Mailgate throws on purpose.
 *
 * <p>Each subtype says whether repeating the same operation is safe: a retry after a connection refused is, a
 * retry after "outcome unknown" (connection lost after the final dot) may deliver the message twice, and a retry
 * of an invalid message can never succeed.
 */
public abstract class MailException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected MailException(String message) {
        super(message);
    }

    protected MailException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether performing the same operation again cannot cause harm (such as a duplicate delivery) and may succeed. */
    public abstract boolean isRetrySafe();
}
