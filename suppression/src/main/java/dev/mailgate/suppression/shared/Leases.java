package dev.mailgate.suppression.shared;

import java.time.Duration;
import java.util.Optional;

/**
 * Named leases in the shared database, so that one instance of several does a job at a time (a bounce mailbox's
 * poller, an ordered outbox destination) and another takes over within the lease's time when the holder dies.
 * Holders renew before the end ({@link #acquire} again by the same holder); clocks of the instances must agree
 * to well within the lease (NTP), as the deadline is written by the holder's clock.
 */
public interface Leases {
    /** Takes the lease when it is free or expired, or renews it when the caller holds it; empty when another holds it. */
    Optional<Lease> acquire(String name, String holder, Duration ttl);

    /** Gives the lease up at once (a clean shutdown): a standby takes it at its next try instead of at the deadline. */
    void release(String name, String holder);

    /** The unexpired lease of that name, if any. */
    Optional<Lease> current(String name);
}
