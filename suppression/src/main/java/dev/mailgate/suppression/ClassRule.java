package dev.mailgate.suppression;

import java.time.Duration;
import java.util.Objects;

/**
 * The policy for one event class.
 *
 * @param threshold how many events within {@code window} trigger the action (1 = the first one)
 * @param window a sliding window: an event counts while it is less than this older than the class's newest event
 *     for the address (so the edges are exact: at exactly {@code window} later it no longer counts)
 * @param resetOnDelivery a successful delivery clears the count (a full mailbox that was emptied)
 * @param action what happens at the threshold
 */
public record ClassRule(int threshold, Duration window, boolean resetOnDelivery, SuppressionAction action) {
    public ClassRule {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, was " + threshold);
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        Objects.requireNonNull(action, "action");
    }
}
