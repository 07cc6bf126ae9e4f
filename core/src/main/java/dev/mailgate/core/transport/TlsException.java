package dev.mailgate.core.transport;

import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The connection could not be protected by TLS as configured: the handshake failed (no common protocol version or
 * cipher suite, a certificate that is not trusted or does not name the host), a required STARTTLS (RFC 3207) was
 * not offered or was refused, or the two ends disagree about TLS (a TLS record on a plaintext session, data
 * injected before the handshake). Nothing was sent, but repeating the same connection fails the same way, so it is
 * not retry-safe: the configuration or the server must change first.
 */
public final class TlsException extends ConnectionException {
    private static final long serialVersionUID = 1L;

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The JDK's error when the handshake itself failed; empty when the session never got to one. */
    public Optional<SSLException> handshakeFailure() {
        return getCause() instanceof SSLException ssl ? Optional.of(ssl) : Optional.empty();
    }

    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
