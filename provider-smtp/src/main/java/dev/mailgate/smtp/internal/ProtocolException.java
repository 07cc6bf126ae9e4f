package dev.mailgate.smtp.internal;

import java.io.IOException;

/** The server said something that is not SMTP (a malformed or oversized reply): the connection cannot be trusted. */
public final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }
}
