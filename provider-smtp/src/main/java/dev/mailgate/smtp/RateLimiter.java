package dev.mailgate.smtp;

import dev.mailgate.core.transport.MailTimeoutException;
import dev.mailgate.core.transport.SharedQuota;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The daily quota (the CRM seed's "send rate": maximum e-mails per day) and an optional per-second pace. The day
 * is the UTC day; a message counts when it is attempted and is given back when it certainly was not sent.
 *
 * <p>{@link #acquire} takes the quota and reserves the message's pace slot but does not wait for the slot: the
 * session waits for it right before the message's MAIL FROM ({@link Permit#awaitSlot}). Waiting anywhere later
 * (between the server's 354 and the content, where a batch prepares its next message) lets the server's data
 * timeout run out, and the message would end "outcome unknown" although nothing was delivered.
 *
 * <p>With a {@link SharedQuota} (issue 23) the count and the pace live in a database shared by every instance:
 * each message takes one send from it, or a batch reserves its size at once ({@link #reserveAhead}, one round trip
 * instead of one per message) and gives the unused rest back at its end ({@link #releaseAhead}). A JVM that dies
 * holding a reservation leaves it counted: the shared count errs towards sending less, never more.
 */
final class RateLimiter {
    private final long maxPerDay;
    private final long nanosPerMessage;
    private final boolean waitForQuota;
    private final Clock clock;
    private LocalDate day;
    private long usedToday;
    private long nextSlot;
    /** Null: the count lives here (one process). */
    private final SharedQuota shared;
    /** A batch's reservation not yet used: how many, of which day, and the next one's slot. */
    private int ahead;
    private LocalDate aheadDay;
    private Instant aheadSlot;

    /** One message's share of the quota: the UTC day it counts on and the earliest moment its MAIL FROM may go out. */
    record Permit(LocalDate day, long notBeforeNanos) {
        /** Whether the slot has come ({@link System#nanoTime()} based). */
        boolean due() {
            return System.nanoTime() - notBeforeNanos >= 0;
        }

        /** Waits for the slot; only called where no command of the session is outstanding. */
        void awaitSlot() {
            long wait;
            while ((wait = notBeforeNanos - System.nanoTime()) > 0) {
                // Rounded up: a sleep of the truncated milliseconds would wake just before the slot.
                sleep(Duration.ofMillis((wait + 999_999) / 1_000_000));
            }
        }
    }

    RateLimiter(long maxPerDay, double maxPerSecond, boolean waitForQuota, Clock clock) {
        this(maxPerDay, maxPerSecond, waitForQuota, clock, null);
    }

    RateLimiter(long maxPerDay, double maxPerSecond, boolean waitForQuota, Clock clock, SharedQuota shared) {
        this.maxPerDay = maxPerDay;
        this.nanosPerMessage = maxPerSecond > 0 ? (long) (1_000_000_000L / maxPerSecond) : 0;
        this.waitForQuota = waitForQuota;
        this.clock = clock;
        this.shared = shared;
    }

    /**
     * Takes one message from the quota (waiting, if configured, for the daily reset) and reserves its pace slot.
     * Sleeps happen outside the lock, so waiting senders do not pin a carrier thread.
     *
     * @throws QuotaExceededException when today's quota is used up and waiting is off or ends after the deadline
     * @throws MailTimeoutException when the pace slot comes after {@code deadline}
     */
    Permit acquire(Instant deadline) {
        return acquire(deadline, true);
    }

    /** As {@link #acquire(Instant)}, but null instead of waiting for the daily reset when {@code mayWait} is false. */
    Permit acquire(Instant deadline, boolean mayWait) {
        if (shared != null) {
            return acquireShared(deadline, mayWait);
        }
        while (true) {
            Instant reset;
            synchronized (this) {
                rollDay();
                if (maxPerDay == 0 || usedToday < maxPerDay) {
                    long now = System.nanoTime();
                    long slot = Math.max(now, nextSlot);
                    long wait = slot - now;
                    if (wait > 0 && clock.instant().plusNanos(wait).isAfter(deadline)) {
                        throw new MailTimeoutException("waiting for the rate limit", Duration.ofNanos(wait), null);
                    }
                    usedToday++;
                    nextSlot = slot + nanosPerMessage;
                    return new Permit(day, slot);
                }
                reset = nextReset();
            }
            if (!waitForQuota || reset.isAfter(deadline)) {
                throw new QuotaExceededException(maxPerDay, "day", reset);
            }
            if (!mayWait) {
                return null;
            }
            sleep(Duration.between(clock.instant(), reset));
        }
    }

    /**
     * Returns a message to the quota of the day it was taken from (it was not sent). The day rolls first: a message
     * taken before midnight and given back after it must not free one of the new day's slots.
     */
    synchronized void giveBack(Permit permit) {
        if (shared != null) {
            if (permit.day().equals(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
                shared.giveBack(permit.day(), 1);
            }
            return;
        }
        rollDay();
        if (permit.day().equals(day) && usedToday > 0) {
            usedToday--;
        }
    }

    synchronized long usedToday() {
        if (shared != null) {
            return shared.used(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        }
        rollDay();
        return usedToday;
    }

    /** The shared quota's {@link #acquire}: from the batch's reservation when it has one, else one send from the store. */
    private Permit acquireShared(Instant deadline, boolean mayWait) {
        while (true) {
            Instant now = clock.instant();
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            Instant slot = null;
            synchronized (this) {
                if (ahead > 0 && today.equals(aheadDay)) {
                    ahead--;
                    slot = aheadSlot;
                    aheadSlot = aheadSlot.plusNanos(nanosPerMessage);
                }
            }
            if (slot == null) {
                SharedQuota.Reservation r = shared.reserve(today, 1, maxPerDay, Duration.ofNanos(nanosPerMessage), now);
                slot = r.granted() > 0 ? r.firstSlot() : null;
            }
            if (slot != null) {
                long wait = Math.max(0, Duration.between(now, slot).toNanos());
                if (wait > 0 && now.plusNanos(wait).isAfter(deadline)) {
                    shared.giveBack(today, 1);
                    throw new MailTimeoutException("waiting for the rate limit", Duration.ofNanos(wait), null);
                }
                return new Permit(today, System.nanoTime() + wait);
            }
            Instant reset = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!waitForQuota || reset.isAfter(deadline)) {
                throw new QuotaExceededException(maxPerDay, "day", reset);
            }
            if (!mayWait) {
                return null;
            }
            sleep(Duration.between(clock.instant(), reset));
        }
    }

    /**
     * A batch of {@code count} messages reserves its sends from the shared quota in one step (no-op without one, or
     * while an earlier reservation is unused). Fewer may be granted; the rest then ask one by one as usual.
     */
    void reserveAhead(int count) {
        if (shared == null || count < 2) {
            return;
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        synchronized (this) {
            if (ahead > 0 && today.equals(aheadDay)) {
                return;
            }
        }
        SharedQuota.Reservation r = shared.reserve(today, count, maxPerDay, Duration.ofNanos(nanosPerMessage), now);
        int surplus;
        LocalDate surplusDay;
        synchronized (this) {
            if (ahead > 0 && today.equals(aheadDay)) {
                // A concurrent batch's reservation landed while this one was on its way: it serves both batches,
                // and this one goes back. Overwriting it lost its sends, counted in the store and never made.
                surplus = r.granted();
                surplusDay = today;
            } else {
                // Whatever is left of an earlier day's reservation is that day's, not today's.
                surplus = ahead;
                surplusDay = aheadDay;
                ahead = r.granted();
                aheadDay = today;
                aheadSlot = r.firstSlot();
            }
        }
        if (surplus > 0) {
            shared.giveBack(surplusDay, surplus);
        }
    }

    /** Gives the unused rest of a batch's reservation back to the shared quota. */
    void releaseAhead() {
        int rest;
        LocalDate day;
        synchronized (this) {
            rest = ahead;
            day = aheadDay;
            ahead = 0;
        }
        if (rest > 0) {
            shared.giveBack(day, rest);
        }
    }

    private void rollDay() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (!today.equals(day)) {
            day = today;
            usedToday = 0;
        }
    }

    private Instant nextReset() {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(1, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailTimeoutException("waiting for the rate limit (interrupted)", d, e);
        }
    }
}
