package dev.mailgate.core.mime;

import dev.mailgate.core.MailException;

/**
 * A message could not be rendered: an attachment could not be read, it needs SMTPUTF8 where that is off, or a
 * boundary source gave an unusable boundary.
 */
public final class MessageRenderException extends MailException {
    private static final long serialVersionUID = 1L;
    private final String field;

    MessageRenderException(String field, String problem, Throwable cause) {
        super(field + ": " + problem, cause);
        this.field = field;
    }

    /** What could not be rendered, e.g. {@code attachment[1] "report.pdf"} or {@code To}. */
    public String field() {
        return field;
    }

    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
