package dev.mailgate.core.event;

import dev.mailgate.core.MailException;

/**
 * A callback or webhook payload is not in the format its codec reads: malformed JSON, a required field missing or
 * of the wrong type. {@link #location()} says where (e.g. {@code $[1].data[0].ts} or {@code line 3, column 7}).
 */
public final class CallbackFormatException extends MailException {
    private static final long serialVersionUID = 1L;
    private final String format;
    private final String location;

    public CallbackFormatException(String format, String location, String problem, Throwable cause) {
        super(format + " payload invalid at " + location + ": " + problem, cause);
        this.format = format;
        this.location = location;
    }

    public String format() {
        return format;
    }

    public String location() {
        return location;
    }

    /** The same bytes will fail the same way. */
    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
