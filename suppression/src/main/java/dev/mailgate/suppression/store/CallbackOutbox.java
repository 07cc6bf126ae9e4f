package dev.mailgate.suppression.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The durable outbox of {@code CallbackPublisher}s, keyed by a destination's <em>name</em> (not its URL: changing
 * the URL must not orphan what waits). An item is pending (to be sent, possibly after failed attempts) or refused
 * (the endpoint refused that item itself: kept aside until an operator {@linkplain #requeue requeues} it).
 */
public interface CallbackOutbox {
    /** Puts events (each encoded alone) in a destination's outbox. */
    void add(String destination, List<byte[]> payloads);

    /** The oldest pending items of a destination, at most {@code max}. */
    List<OutboxItem> pending(String destination, int max);

    /** Items delivered: gone from the outbox. */
    void delivered(List<Long> ids);

    /**
     * Claims up to {@code max} of a destination's oldest pending items for {@code holder} until {@code lease} from
     * now (issue 23): no other holder gets them before the lease ends, and a holder that dies loses them then. With
     * {@code ordered}, nothing is claimed while another holder's unexpired lease is on an item of the destination,
     * so that the destination receives its items in order, one publisher at a time; without, several publishers
     * take disjoint items at once. A store for one process may hand out {@link #pending} (this default).
     */
    default List<OutboxItem> claim(String destination, String holder, int max, Duration lease, boolean ordered) {
        return pending(destination, max);
    }

    /**
     * Items delivered by {@code holder}: deleted only if it still holds them (a holder whose lease ran out and was
     * taken over deletes nothing; the new holder sends them again). Returns how many were deleted.
     */
    default int delivered(String holder, List<Long> ids) {
        delivered(ids);
        return ids.size();
    }

    /** Items not delivered because of the endpoint's state (down, misconfigured): an attempt counted, still pending, claim ended. */
    void retryLater(List<Long> ids, String error);

    /** Items the endpoint refused as such: an attempt counted, kept aside as refused, never retried by themselves. */
    void refused(List<Long> ids, String error);

    /** Refused items of a destination back to pending; returns how many. */
    int requeue(String destination);

    /** How many items of a destination are pending ({@code refused} false) or refused. */
    int count(String destination, boolean refused);

    /**
     * Pending and refused counts and the store time of the oldest pending item, for metrics. The default counts with
     * {@link #count} and knows no age; the bundled outboxes answer in one query with the age.
     */
    default OutboxDepth depth(String destination) {
        return new OutboxDepth(count(destination, false), count(destination, true), Optional.empty());
    }
}
