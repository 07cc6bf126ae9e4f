package dev.mailgate.core.transport;

import dev.mailgate.core.MailException;
import java.time.Duration;

/** A connect, read or overall send deadline passed before the message was handed over. */
public final class MailTimeoutException extends MailException {
    private static final long serialVersionUID = 1L;
    private final Duration timeout;

    public MailTimeoutException(String operation, Duration timeout, Throwable cause) {
        super(operation + " timed out after " + timeout.toMillis() + " ms", cause);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public boolean isRetrySafe() {
        return true;
    }
}
