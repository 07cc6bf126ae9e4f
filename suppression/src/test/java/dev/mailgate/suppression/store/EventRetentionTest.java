package dev.mailgate.suppression.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.address.EmailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventRetentionTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final EmailAddress JANE = EmailAddress.parse("jane@example.org");

    private static Ingestion event(String key) {
        return new Ingestion(key, JANE, Optional.empty(), 1, Duration.ofDays(1), Optional.empty(), Set.of(), T0);
    }

    @Test
    void theBackgroundJobPrunesKeysPastTheRetentionAndKeepsYoungerOnes() throws Exception {
        InMemorySuppressionStore store = new InMemorySuppressionStore(Clock.fixed(T0, ZoneOffset.UTC));
        store.ingest(event("old"));
        Clock later = Clock.fixed(T0.plus(Duration.ofDays(91)), ZoneOffset.UTC);
        boolean appliedAgain = false;
        try (EventRetention retention = EventRetention.of(store, EventRetention.DEFAULT, later).start(Duration.ofMillis(20))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!appliedAgain && System.nanoTime() < deadline) {
                Thread.sleep(20);
                appliedAgain = !store.ingest(event("old")).duplicate();
            }
        }
        assertThat(appliedAgain).as("the key was pruned, so a replay is applied again").isTrue();
        assertThat(EventRetention.of(store, Duration.ofDays(90), Clock.fixed(T0.plus(Duration.ofDays(89)), ZoneOffset.UTC)).pruneOnce())
                .as("inside the retention").isZero();
    }

    @Test
    void aRetentionUnderADayIsRefused() {
        assertThatThrownBy(() -> EventRetention.of(new InMemorySuppressionStore(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("de-duplication window");
    }
}
