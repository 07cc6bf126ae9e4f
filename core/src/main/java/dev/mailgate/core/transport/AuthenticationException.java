package dev.mailgate.core.transport;

import dev.mailgate.core.MailException;
import java.util.Optional;

/** The server refused the credentials (RFC 4954 535), or no acceptable mechanism was offered. Retrying will not help. */
public final class AuthenticationException extends MailException {
    private static final long serialVersionUID = 1L;
    private final transient SmtpReply reply;

    public AuthenticationException(String message, SmtpReply reply) {
        super(message + (reply == null ? "" : " (server said: " + reply + ")"));
        this.reply = reply;
    }

    public Optional<SmtpReply> reply() {
        return Optional.ofNullable(reply);
    }

    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
