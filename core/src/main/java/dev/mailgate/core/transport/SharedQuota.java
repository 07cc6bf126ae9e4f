package dev.mailgate.core.transport;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A sending quota kept outside the JVM (a database), so that several application instances — and one instance
 * across its restarts — share one daily count and one pace instead of each taking the provider's whole limit. A
 * transport keeps its own limiter when it has none. The day is the UTC day the caller names; the count is taken
 * atomically, so concurrent instances never grant more than {@code maxPerDay} in total.
 *
 * <p>Implementations: {@code dev.mailgate.suppression.shared.SharedState#quota} (PostgreSQL, H2).
 */
public interface SharedQuota {
    /**
     * What {@link #reserve} granted: {@code granted} sends of the day (0 when the quota is used up), the first of
     * them not before {@code firstSlot}, each next one {@code pace} later (all at once when no pace is configured).
     */
    record Reservation(int granted, Instant firstSlot) {
        public Reservation {
            if (granted < 0) {
                throw new IllegalArgumentException("granted must not be negative, was " + granted);
            }
        }
    }

    /**
     * Takes up to {@code count} sends from the day's quota in one atomic step.
     *
     * @param maxPerDay the daily limit, 0 for none
     * @param pace the least time between two sends across every instance, {@link Duration#ZERO} for none
     * @param now the caller's clock (the pace's schedule starts here when it is behind)
     */
    Reservation reserve(LocalDate day, int count, long maxPerDay, Duration pace, Instant now);

    /** Returns sends that certainly were not made to the day's quota (never below zero). */
    void giveBack(LocalDate day, int count);

    /** Sends taken on that day so far, by every instance. */
    long used(LocalDate day);
}
