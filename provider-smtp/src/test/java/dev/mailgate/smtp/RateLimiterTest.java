package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now;

        ManualClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void dailyQuotaResetsAtUtcMidnight() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T23:59:00Z"));
        RateLimiter limiter = new RateLimiter(2, 0, false, clock);
        Instant deadline = clock.instant().plus(Duration.ofHours(1));
        limiter.acquire(deadline);
        limiter.acquire(deadline);
        assertThatThrownBy(() -> limiter.acquire(deadline)).isInstanceOfSatisfying(QuotaExceededException.class,
                e -> assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z")));
        clock.advance(Duration.ofMinutes(2));
        limiter.acquire(deadline.plus(Duration.ofHours(1)));
        assertThat(limiter.usedToday()).isEqualTo(1);
    }

    @Test
    void aMessageThatWasNotSentIsGivenBack() {
        RateLimiter limiter = new RateLimiter(1, 0, false, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
        Instant deadline = Instant.parse("2026-11-23T11:00:00Z");
        RateLimiter.Permit permit = limiter.acquire(deadline);
        limiter.giveBack(permit);
        limiter.acquire(deadline);
        assertThat(limiter.usedToday()).isEqualTo(1);
    }

    @Test
    void waitingForTheResetIsRefusedWhenTheResetIsPastTheDeadline() {
        RateLimiter limiter = new RateLimiter(1, 0, true, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
        limiter.acquire(Instant.parse("2026-11-23T10:15:00Z"));
        assertThatThrownBy(() -> limiter.acquire(Instant.parse("2026-11-23T10:15:00Z"))).isInstanceOf(QuotaExceededException.class);
    }

    @Test
    void aMessageTakenBeforeMidnightAndGivenBackAfterItFreesNothingOfTheNewDay() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T23:59:59Z"));
        RateLimiter limiter = new RateLimiter(1, 0, false, clock);
        RateLimiter.Permit yesterday = limiter.acquire(clock.instant().plus(Duration.ofHours(1)));
        clock.advance(Duration.ofSeconds(2));
        limiter.acquire(clock.instant().plus(Duration.ofHours(1)));
        limiter.giveBack(yesterday);
        assertThat(limiter.usedToday()).as("today's one message still counts").isEqualTo(1);
        assertThatThrownBy(() -> limiter.acquire(clock.instant().plus(Duration.ofHours(1)))).isInstanceOf(QuotaExceededException.class);
    }

    @Test
    void thePaceIsReservedNotSleptSoTheSessionWaitsBeforeMailFrom() {
        RateLimiter limiter = new RateLimiter(0, 0.5, false, Clock.systemUTC());
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        long before = System.nanoTime();
        RateLimiter.Permit first = limiter.acquire(deadline);
        RateLimiter.Permit second = limiter.acquire(deadline);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("acquire does not sleep for the pace").isLessThan(Duration.ofMillis(1500));
        assertThat(first.due()).isTrue();
        assertThat(second.notBeforeNanos() - first.notBeforeNanos()).isEqualTo(2_000_000_000L);
        assertThat(second.due()).isFalse();
        second.awaitSlot();
        assertThat(second.due()).isTrue();
    }

    /** A shared quota in memory that can hold the first reservation until the test lets it through. */
    private static final class HeldQuota implements dev.mailgate.core.transport.SharedQuota {
        final java.util.concurrent.CountDownLatch firstEntered = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch releaseFirst = new java.util.concurrent.CountDownLatch(1);
        private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicLong used = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public Reservation reserve(java.time.LocalDate day, int count, long maxPerDay, Duration pace, Instant now) {
            if (calls.getAndIncrement() == 0) {
                firstEntered.countDown();
                try {
                    releaseFirst.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            used.addAndGet(count);
            return new Reservation(count, now);
        }

        @Override
        public void giveBack(java.time.LocalDate day, int count) {
            used.addAndGet(-count);
        }

        @Override
        public long used(java.time.LocalDate day) {
            return used.get();
        }
    }

    /**
     * Two batches reserving at once: the second's reservation lands while the first's is on its way. Before, the
     * first overwrote the second's, whose sends stayed counted in the store and were never made or given back.
     */
    @Test
    void concurrentBatchReservationsLoseNoSends() throws Exception {
        HeldQuota quota = new HeldQuota();
        RateLimiter limiter = new RateLimiter(1000, 0, false, Clock.systemUTC(), quota);
        Thread first = new Thread(() -> limiter.reserveAhead(10));
        first.start();
        assertThat(quota.firstEntered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        limiter.reserveAhead(10);
        quota.releaseFirst.countDown();
        first.join(10_000);
        assertThat(first.isAlive()).isFalse();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        for (int i = 0; i < 3; i++) {
            limiter.acquire(deadline);
        }
        limiter.releaseAhead();
        assertThat(quota.used(null)).as("only the three sends made stay counted").isEqualTo(3);
    }
}
