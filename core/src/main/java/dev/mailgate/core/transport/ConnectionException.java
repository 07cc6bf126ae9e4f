package dev.mailgate.core.transport;

import dev.mailgate.core.MailException;

/**
 * The connection could not be made or was lost before the message was handed over (before the final dot): the
 * message was certainly not accepted, so sending it again is safe and may succeed on a fresh connection. The one
 * subtype, {@link TlsException}, is the exception: a TLS failure cannot cause a duplicate either, but repeating the
 * same connection fails the same way, so it is not retry-safe.
 */
public sealed class ConnectionException extends MailException permits TlsException {
    private static final long serialVersionUID = 1L;

    public ConnectionException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public boolean isRetrySafe() {
        return true;
    }
}
