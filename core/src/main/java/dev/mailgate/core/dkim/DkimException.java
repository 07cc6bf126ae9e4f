package dev.mailgate.core.dkim;

import dev.mailgate.core.MailException;

/** A key that cannot sign (unreadable PEM, unsupported type, RSA size out of range) or a message that cannot be signed. */
public final class DkimException extends MailException {
    private static final long serialVersionUID = 1L;

    public DkimException(String message) {
        super(message);
    }

    public DkimException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A bad key or message stays bad. */
    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
