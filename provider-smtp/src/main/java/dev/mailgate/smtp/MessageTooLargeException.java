package dev.mailgate.smtp;

import dev.mailgate.core.MailException;

/** The message is larger than the server's advertised SIZE (RFC 1870), so it was not sent. */
public final class MessageTooLargeException extends MailException {
    private static final long serialVersionUID = 1L;

    public MessageTooLargeException(long size, long limit, String host) {
        super("the message is " + size + " octets; " + host + " accepts at most " + limit + " (SIZE, RFC 1870)");
    }

    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
