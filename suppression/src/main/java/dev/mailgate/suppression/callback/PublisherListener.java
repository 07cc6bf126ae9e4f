package dev.mailgate.suppression.callback;

import java.time.Instant;

/**
 * Hears what a {@link CallbackPublisher}'s endpoint does: the alert when it is unreachable or misconfigured (an
 * expired token's 401, a 404 during a deploy, 5xx, timeouts) and items are held back for a retry, the items it
 * refused as such, and its recovery. Called on the publishing thread; keep it quick.
 */
public interface PublisherListener {
    /**
     * The endpoint could not take the batch for a reason of its own; nothing is given up, the items wait.
     *
     * @param consecutive how many attempts in a row have failed this way (1 for the first)
     * @param nextAttempt when the publisher tries again
     */
    default void endpointFailing(String destination, String detail, int consecutive, Instant nextAttempt) {
    }

    /** The endpoint refused these items themselves (400, 413, 422 for the item alone): kept aside until requeued. */
    default void itemsRefused(String destination, int items, String detail) {
    }

    /** The endpoint took a batch again after failing. */
    default void endpointRecovered(String destination, int failedAttempts) {
    }
}
