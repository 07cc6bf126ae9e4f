package dev.mailgate.core.transport;

import dev.mailgate.core.MailException;
import java.util.Objects;
import java.util.Optional;

/**
 * The server refused the message (or every recipient) with a reply code. A 4xx refusal may succeed later; a 5xx
 * refusal will not succeed unchanged.
 */
public final class ServerRejectedException extends MailException {
    private static final long serialVersionUID = 1L;
    private final transient SmtpReply reply;
    private final String command;

    public ServerRejectedException(String command, SmtpReply reply) {
        super(command + " rejected: " + reply);
        this.command = Objects.requireNonNull(command, "command");
        this.reply = Objects.requireNonNull(reply, "reply");
    }

    public SmtpReply reply() {
        return reply;
    }

    public int code() {
        return reply.code();
    }

    public Optional<EnhancedStatusCode> enhancedStatus() {
        return reply.status();
    }

    /** The command the server refused: MAIL, RCPT, DATA or the end of data. */
    public String command() {
        return command;
    }

    @Override
    public boolean isRetrySafe() {
        return reply.isTransientFailure();
    }
}
