package dev.mailgate.bounce.mailbox;

import dev.mailgate.core.MailException;

/** The bounce mailbox could not be reached or used: connection, TLS, login, or a folder operation failed. */
public final class ImapBounceException extends MailException {
    private static final long serialVersionUID = 1L;

    public ImapBounceException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Every poller operation can be repeated: messages stay in place until handled and moved. */
    @Override
    public boolean isRetrySafe() {
        return true;
    }
}
