package dev.mailgate.core.message;

import dev.mailgate.core.MailException;

/** A header name or value that cannot be sent safely, for example a value containing CR or LF. */
public final class InvalidHeaderException extends MailException {
    private static final long serialVersionUID = 1L;
    private final String field;

    InvalidHeaderException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The header (or message field such as "subject" or "attachment[2].fileName") that was refused. */
    public String field() {
        return field;
    }

    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
