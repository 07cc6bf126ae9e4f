package dev.mailgate.smtp;

import dev.mailgate.core.transport.MailTimeoutException;
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
 */
final class RateLimiter {
    private final long maxPerDay;
    private final long nanosPerMessage;
    private final boolean waitForQuota;
    private final Clock clock;
    private LocalDate day;
    private long usedToday;
    private long nextSlot;

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
        this.maxPerDay = maxPerDay;
        this.nanosPerMessage = maxPerSecond > 0 ? (long) (1_000_000_000L / maxPerSecond) : 0;
        this.waitForQuota = waitForQuota;
        this.clock = clock;
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
        rollDay();
        if (permit.day().equals(day) && usedToday > 0) {
            usedToday--;
        }
    }

    synchronized long usedToday() {
        rollDay();
        return usedToday;
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
