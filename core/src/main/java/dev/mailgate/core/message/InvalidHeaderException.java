package dev.mailgate.core.message;

import dev.mailgate.core.MailException;
import java.util.OptionalInt;

/** A header name or value that cannot be sent safely, for example a value containing CR or LF. */
public final class InvalidHeaderException extends MailException {
    private static final long serialVersionUID = 1L;
    private final String field;
    private final int position;

    InvalidHeaderException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.position = -1;
    }

    /** @param position the index into the refused value where the problem is */
    InvalidHeaderException(String field, String problem, int position) {
        super(field + ": " + problem + " (position " + position + ")");
        this.field = field;
        this.position = position;
    }

    /** The header (or message field such as "subject" or "attachment[2].fileName") that was refused. */
    public String field() {
        return field;
    }

    /** Where in the refused value the problem is (a character index), when the check knows it. */
    public OptionalInt position() {
        return position < 0 ? OptionalInt.empty() : OptionalInt.of(position);
    }

    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
