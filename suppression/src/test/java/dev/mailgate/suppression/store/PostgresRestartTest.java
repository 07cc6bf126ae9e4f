package dev.mailgate.suppression.store;

import dev.mailgate.testing.db.PostgresCluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.core.transport.EnhancedStatusCode;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.SuppressionPolicy;
import dev.mailgate.suppression.Suppressions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted twice while events are being ingested. The caller does what a webhook provider or the
 * bounce poller does with a failed delivery: it retries the same batch. The store must end with exactly the state
 * of ingesting every event once: each hard-bounced address suppressed once, and each soft-bounced address with
 * exactly its two soft bounces counted (a batch applied twice would count four and cross the threshold of three).
 */
class PostgresRestartTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final int ADDRESSES = 300;
    private static final int BATCH = 20;

    @Test
    void restartsDuringIngestionLoseAndDuplicateNothing() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start();
             JdbcSuppressionStore store = JdbcSuppressionStore.open(cluster.jdbcUrl())) {
            Suppressions suppressions = new Suppressions(store, SuppressionPolicy.defaults());
            List<MailEvent> events = new ArrayList<>();
            for (int i = 0; i < ADDRESSES; i++) {
                EmailAddress a = EmailAddress.parse("user" + i + "@example.org");
                if (i % 2 == 0) {
                    events.add(bounce("hard-" + i, a, BounceClass.HARD, BounceReason.USER_UNKNOWN, "5.1.1", T0));
                } else {
                    events.add(bounce("soft-a-" + i, a, BounceClass.SOFT, BounceReason.MAILBOX_FULL, "4.2.2", T0));
                    events.add(bounce("soft-b-" + i, a, BounceClass.SOFT, BounceReason.MAILBOX_FULL, "4.2.2", T0.plusSeconds(60)));
                }
            }
            AtomicInteger failedBatches = new AtomicInteger();
            AtomicInteger batchesDone = new AtomicInteger();
            Thread ingester = new Thread(() -> {
                for (int from = 0; from < events.size(); from += BATCH) {
                    List<MailEvent> batch = events.subList(from, Math.min(events.size(), from + BATCH));
                    while (true) {
                        try {
                            suppressions.ingestAll(batch);
                            batchesDone.incrementAndGet();
                            break;
                        } catch (StoreException e) {
                            failedBatches.incrementAndGet();
                            sleep(50); // the server is restarting: deliver the same batch again
                        }
                    }
                }
            });
            ingester.start();
            int total = (events.size() + BATCH - 1) / BATCH;
            for (int restart = 1; restart <= 2; restart++) {
                while (batchesDone.get() < total * restart / 3 && ingester.isAlive()) {
                    Thread.sleep(5);
                }
                cluster.restart();
            }
            ingester.join(120_000);
            assertThat(ingester.isAlive()).isFalse();
            assertThat(failedBatches.get()).as("the restarts did interrupt ingestion").isGreaterThan(0);

            Set<EmailAddress> suppressed = new HashSet<>();
            store.list(SuppressionList.SUPPRESSED).forEach(e -> assertThat(suppressed.add(e.address())).as("listed once: %s", e.address()).isTrue());
            for (int i = 0; i < ADDRESSES; i++) {
                EmailAddress a = EmailAddress.parse("user" + i + "@example.org");
                if (i % 2 == 0) {
                    assertThat(suppressed).as("hard bounce of %s kept", a).contains(a);
                } else {
                    assertThat(store.count(a, EventClass.SOFT)).as("soft bounces of %s counted once each", a).isEqualTo(2);
                    assertThat(suppressed).as("two soft bounces stay under the threshold of three").doesNotContain(a);
                }
            }
            assertThat(suppressed).hasSize(ADDRESSES / 2);
            RESULT.set("PostgreSQL restarted 2x during ingestion of " + events.size() + " events in " + total + " batches: "
                    + failedBatches.get() + " batch attempts failed and were retried; lost 0, duplicated 0");
            System.getLogger(getClass().getName()).log(System.Logger.Level.INFO, RESULT.get());
        }
    }

    static final java.util.concurrent.atomic.AtomicReference<String> RESULT = new java.util.concurrent.atomic.AtomicReference<>();

    private static MailEvent bounce(String id, EmailAddress a, BounceClass c, BounceReason r, String status, Instant at) {
        EventDetails d = EventDetails.builder("test", at).recipient(a).eventId(id).occurredAt(at).build();
        return new MailEvent.Bounced(d, c, r, new Diagnostic(Optional.of(EnhancedStatusCode.parse(status)), OptionalInt.empty(), "", Optional.empty()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
