package dev.mailgate.smtp;

import java.util.Objects;

/**
 * What a transport hands its pool and sessions besides the settings: the provider name events are tagged with,
 * the (guarded) listener, how a queue id is read from the final reply, and which form of a message goes to which
 * session.
 */
record TransportContext(SmtpConfig config, String provider, SmtpEventListener listener, QueueIdExtractor queueIds, EightBitMime bodies) {
    TransportContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(provider, "provider");
        listener = GuardedListener.of(Objects.requireNonNull(listener, "listener"));
        Objects.requireNonNull(queueIds, "queueIds");
        Objects.requireNonNull(bodies, "bodies");
    }

    /** For sessions that send no message (diagnostics). */
    TransportContext(SmtpConfig config, String provider, SmtpEventListener listener, QueueIdExtractor queueIds) {
        this(config, provider, listener, queueIds, EightBitMime.off());
    }
}
