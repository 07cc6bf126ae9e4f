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
 */
final class RateLimiter {
    private final long maxPerDay;
    private final long nanosPerMessage;
    private final boolean waitForQuota;
    private final Clock clock;
    private LocalDate day;
    private long usedToday;
    private long nextSlot;

    RateLimiter(long maxPerDay, double maxPerSecond, boolean waitForQuota, Clock clock) {
        this.maxPerDay = maxPerDay;
        this.nanosPerMessage = maxPerSecond > 0 ? (long) (1_000_000_000L / maxPerSecond) : 0;
        this.waitForQuota = waitForQuota;
        this.clock = clock;
    }

    /**
     * Takes one message from the quota, waiting for the pace (and, if configured, for the daily reset). Sleeps
     * happen outside the lock, so waiting senders do not pin a carrier thread.
     */
    void acquire(Instant deadline) {
        long sleepNanos;
        while (true) {
            Instant reset = null;
            synchronized (this) {
                rollDay();
                if (maxPerDay == 0 || usedToday < maxPerDay) {
                    usedToday++;
                    long now = System.nanoTime();
                    long slot = Math.max(now, nextSlot);
                    nextSlot = slot + nanosPerMessage;
                    sleepNanos = slot - now;
                    break;
                }
                reset = nextReset();
            }
            if (!waitForQuota || reset.isAfter(deadline)) {
                throw new QuotaExceededException(maxPerDay, "day", reset);
            }
            sleep(Duration.between(clock.instant(), reset));
        }
        if (sleepNanos > 0) {
            if (clock.instant().plusNanos(sleepNanos).isAfter(deadline)) {
                giveBack();
                throw new MailTimeoutException("waiting for the rate limit", Duration.ofNanos(sleepNanos), null);
            }
            sleep(Duration.ofNanos(sleepNanos));
        }
    }

    /** Returns a message to today's quota (it was not sent). */
    synchronized void giveBack() {
        if (usedToday > 0) {
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
