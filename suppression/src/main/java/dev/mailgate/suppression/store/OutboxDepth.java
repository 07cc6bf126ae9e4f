package dev.mailgate.suppression.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How much waits in one destination's outbox: the gauge that shows a callback endpoint falling behind.
 *
 * @param pending items to be sent (possibly after failed attempts)
 * @param refused items the endpoint refused as such, kept aside until requeued
 * @param oldestPending when the oldest pending item was stored, if there is one and the outbox keeps the time
 */
public record OutboxDepth(int pending, int refused, Optional<Instant> oldestPending) {
    public OutboxDepth {
        Objects.requireNonNull(oldestPending, "oldestPending");
        if (pending < 0 || refused < 0) {
            throw new IllegalArgumentException("counts cannot be negative: pending " + pending + ", refused " + refused);
        }
    }
}
