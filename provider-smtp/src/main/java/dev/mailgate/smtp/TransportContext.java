package dev.mailgate.smtp;

import java.util.Objects;

/**
 * What a transport hands its pool and sessions besides the settings: the provider name events are tagged with,
 * the (guarded) listener, and how a queue id is read from the final reply.
 */
record TransportContext(SmtpConfig config, String provider, SmtpEventListener listener, QueueIdExtractor queueIds) {
    TransportContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(provider, "provider");
        listener = GuardedListener.of(Objects.requireNonNull(listener, "listener"));
        Objects.requireNonNull(queueIds, "queueIds");
    }
}
