package dev.mailgate.suppression.unsubscribe;

import dev.mailgate.core.MailException;

/** An unsubscribe token was malformed, forged, tampered with, signed by an unknown key, expired or a test token. */
public final class InvalidTokenException extends MailException {
    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message) {
        super(message);
    }

    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
