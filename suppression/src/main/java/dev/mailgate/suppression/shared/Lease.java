package dev.mailgate.suppression.shared;

import java.time.Instant;

/**
 * A named lease held until {@code until}. The fence grows at every change of holder: work stamped with an older
 * fence than the current one was done by a holder that lost the lease.
 */
public record Lease(String name, String holder, Instant until, long fence) {
}
