package dev.mailgate.suppression.callback;

import dev.mailgate.suppression.store.OutboxDepth;
import java.time.Instant;

/**
 * Hears what a {@link CallbackPublisher} does: each POST attempt and its outcome, the alert when the endpoint is
 * unreachable or misconfigured (an expired token's 401, a 404 during a deploy, 5xx, timeouts) and items are held
 * back for a retry, the items it refused as such, its recovery, and how much waits in the outbox. Every method has a
 * no-op default (the style of OkHttp's {@code EventListener}), so an implementation overrides what it needs.
 *
 * <p>For one {@link CallbackPublisher#flush} the calls come in this order, on the flushing thread:
 * <pre>
 * ( attemptStarted ( delivered endpointRecovered?
 *                  | attemptFailed ( itemsRefused | endpointFailing )? )
 * | itemsRefused )*
 * outboxDepth
 * </pre>
 * A batch the endpoint refuses as a whole (400, 413, 422) is split in halves and each half attempted again, so one
 * flush can hold several attempts; {@code itemsRefused} without an attempt is a part that could not be re-encoded.
 * {@code endpointFailing} ends the attempts of its flush. Every {@code attemptStarted} is followed by exactly one
 * {@code delivered} or {@code attemptFailed}, so a timer or span started there can be stopped, unless the flush
 * itself throws (the outbox's store failed), which ends it without further calls. A flush that finds nothing
 * pending, or is backing off, makes no attempt and reports only the depth.
 *
 * <p>A listener that throws is logged and ignored: it never changes what is delivered, retried or kept aside, and
 * the other listeners are still told. Keep the methods quick. Listeners that keep state across the calls of a flush
 * (the attempt being timed) are made per flush by a {@link Factory}.
 */
public interface PublisherListener {
    /** Hears nothing. */
    PublisherListener NONE = new PublisherListener() {
    };

    /**
     * A POST of {@code items} outbox items to the destination's endpoint begins.
     *
     * @param attempt how many times the first of these items was tried before, plus one
     */
    default void attemptStarted(String destination, int items, int attempt) {
    }

    /** The endpoint took the items ({@code status} 2xx): they are gone from the outbox. */
    default void delivered(String destination, int items, int status) {
    }

    /**
     * The POST did not deliver: {@code status} is the HTTP status, or -1 when none came (timeout, connection
     * failure, interrupted). {@code itemsRefused}, {@code endpointFailing} or a split into halves follows.
     */
    default void attemptFailed(String destination, int items, int status, String detail) {
    }

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

    /** What waits in the destination's outbox at the end of a flush; the last call of the flush. */
    default void outboxDepth(String destination, OutboxDepth depth) {
    }

    /** Makes the listener of one flush; called once at the start of each {@link CallbackPublisher#flush}. */
    @FunctionalInterface
    interface Factory {
        PublisherListener create(String destination);
    }
}
