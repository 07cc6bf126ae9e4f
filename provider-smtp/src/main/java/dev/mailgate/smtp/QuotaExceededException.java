package dev.mailgate.smtp;

import dev.mailgate.core.MailException;
import java.time.Instant;

/** The configured sending quota (e.g. 500 messages a day) is used up; nothing was sent. */
public final class QuotaExceededException extends MailException {
    private static final long serialVersionUID = 1L;
    private final Instant resetsAt;

    public QuotaExceededException(long limit, String period, Instant resetsAt) {
        super("sending quota of " + limit + " messages per " + period + " is used up; it resets at " + resetsAt);
        this.resetsAt = resetsAt;
    }

    /** When sending is possible again. */
    public Instant resetsAt() {
        return resetsAt;
    }

    /** Safe to retry after {@link #resetsAt()}: nothing was sent. */
    @Override
    public boolean isRetrySafe() {
        return true;
    }
}
