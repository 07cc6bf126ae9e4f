package dev.mailgate.core.transport;

import dev.mailgate.core.MailException;

/**
 * The connection was lost, or timed out, after the final dot and before the server's reply: the server may or may
 * not have accepted the message (RFC 5321 section 4.1.1.4 and the "duplicate message" problem of RFC 1047). A
 * blind retry may deliver it twice.
 */
public final class OutcomeUnknownException extends MailException {
    private static final long serialVersionUID = 1L;
    private final String messageId;

    public OutcomeUnknownException(String messageId, Throwable cause) {
        super("the connection ended after the message <" + messageId + "> was transmitted and before the server confirmed it; it may or may not have been delivered", cause);
        this.messageId = messageId;
    }

    public String messageId() {
        return messageId;
    }

    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
