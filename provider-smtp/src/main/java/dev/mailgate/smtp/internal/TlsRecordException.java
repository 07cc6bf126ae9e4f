package dev.mailgate.smtp.internal;

import java.io.IOException;

/** A TLS record arrived on a plaintext session: the two ends disagree about TLS, and retrying cannot help. */
public final class TlsRecordException extends IOException {
    private static final long serialVersionUID = 1L;

    public TlsRecordException(String message) {
        super(message);
    }
}
