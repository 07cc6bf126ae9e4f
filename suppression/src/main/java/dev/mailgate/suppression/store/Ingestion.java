package dev.mailgate.suppression.store;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.SuppressionEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One event's effect, to be applied atomically and at most once (by {@code eventKey}): count it, and put the
 * address on a list when the count reaches the threshold; or clear the counts (a delivery).
 *
 * @param eventKey the event's identity ({@code EventKeys.of}); a key seen before changes nothing
 * @param counted the class to count, empty for events that are not counted
 * @param threshold the count at which {@code entry} is added (1 = at once)
 * @param window the sliding window: counted events less than this older than the newest one count
 * @param entry the list entry to add at the threshold, if the rule has an action
 * @param resetCounts classes whose count this event clears (a delivery clears those that reset on delivery)
 */
public record Ingestion(String eventKey, EmailAddress address, Optional<EventClass> counted, int threshold, Duration window,
        Optional<SuppressionEntry> entry, Set<EventClass> resetCounts, Instant at) {
    public Ingestion {
        Objects.requireNonNull(eventKey, "eventKey");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(counted, "counted");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(entry, "entry");
        resetCounts = Set.copyOf(resetCounts);
        Objects.requireNonNull(at, "at");
    }
}
