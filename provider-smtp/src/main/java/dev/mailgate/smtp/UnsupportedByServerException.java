package dev.mailgate.smtp;

import dev.mailgate.core.MailException;

/** The message needs an SMTP extension the server does not offer (SMTPUTF8, 8BITMIME); nothing was sent. */
public final class UnsupportedByServerException extends MailException {
    private static final long serialVersionUID = 1L;

    public UnsupportedByServerException(String message) {
        super(message);
    }

    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
