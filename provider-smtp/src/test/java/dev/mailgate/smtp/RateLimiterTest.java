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
        limiter.acquire(deadline);
        limiter.giveBack();
        limiter.acquire(deadline);
        assertThat(limiter.usedToday()).isEqualTo(1);
    }

    @Test
    void waitingForTheResetIsRefusedWhenTheResetIsPastTheDeadline() {
        RateLimiter limiter = new RateLimiter(1, 0, true, Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));
        limiter.acquire(Instant.parse("2026-11-23T10:15:00Z"));
        assertThatThrownBy(() -> limiter.acquire(Instant.parse("2026-11-23T10:15:00Z"))).isInstanceOf(QuotaExceededException.class);
    }
}
