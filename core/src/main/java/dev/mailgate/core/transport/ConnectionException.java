package dev.mailgate.core.transport;

import dev.mailgate.core.MailException;

/**
 * The connection could not be made or was lost before the message was handed over (before the final dot): the
 * message was certainly not accepted, so sending it again is safe. Also used for TLS handshake failures and a
 * required STARTTLS the server did not offer, which are not retry-safe in the sense of ever succeeding unchanged,
 * but cannot cause a duplicate.
 */
public final class ConnectionException extends MailException {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetrySafe() {
        return true;
    }
}
