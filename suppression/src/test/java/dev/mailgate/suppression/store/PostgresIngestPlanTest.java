package dev.mailgate.suppression.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.SuppressionEntry;
import dev.mailgate.testing.db.PostgresCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Batched ingestion on PostgreSQL reads the rows it needs by key, whatever the planner knows about the tables (issue
 * 23: the benchmark's rate fell round by round because the {@code IN (...)} lookups of a 100- or 500-event batch were
 * planned as sequential scans of {@code mg_counter}, {@code mg_count_event} and {@code mg_event} while the tables had
 * no statistics yet, so every batch read the whole of each growing table). Autovacuum is off here, as it effectively
 * is in the first minute of a fresh table or after a bulk load; the table's sequential-scan counter must not move
 * while batches of new, repeated, replayed and resetting events go in.
 */
class PostgresIngestPlanTest {
    private static final List<String> TABLES = List.of("mg_event", "mg_counter", "mg_count_event", "mg_entry");
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void batchedIngestionNeverScansAGrowingTable() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start()) {
            String url = cluster.jdbcUrl();
            sql(url, "alter system set autovacuum = off", "select pg_reload_conf()");
            try (JdbcSuppressionStore s = JdbcSuppressionStore.open(url)) {
                for (int b = 0; b < 16; b++) {
                    s.ingestAll(batch("grow" + b, 500, b * 500, 0));
                }
            }
            Map<String, Long> before = seqScans(url);
            try (JdbcSuppressionStore s = JdbcSuppressionStore.open(url)) {
                // new addresses, then the same addresses again (a second count each), at 500 and 100 a transaction
                List<Ingestion> fresh = batch("new", 500, 100_000, 0);
                assertThat(s.ingestAll(fresh)).allSatisfy(r -> assertThat(r.count()).isEqualTo(1));
                assertThat(s.ingestAll(batch("again", 500, 100_000, 60))).allSatisfy(r -> assertThat(r.count()).isEqualTo(2));
                // more than pgjdbc's prepareThreshold (5) and PostgreSQL's 5 custom plans: the cached generic plans are used too
                for (int b = 0; b < 12; b++) {
                    assertThat(s.ingestAll(batch("small" + b, 100, 200_000 + b * 100, 0))).allSatisfy(r -> assertThat(r.count()).isEqualTo(1));
                }
                // a replayed batch changes nothing
                assertThat(s.ingestAll(fresh)).allSatisfy(r -> assertThat(r.duplicate()).isTrue());
                // the third count reaches the threshold: 100 entries added, and a delivery resets 50 counts
                assertThat(s.ingestAll(batch("third", 100, 100_000, 120))).allSatisfy(r -> assertThat(r.added()).isTrue());
                List<Ingestion> resets = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    resets.add(new Ingestion("delivered" + i, address(100_400 + i), Optional.empty(), 1, Duration.ofDays(30), Optional.empty(),
                            Set.of(EventClass.SOFT), T0));
                }
                s.ingestAll(resets);
                assertThat(s.count(address(100_400), EventClass.SOFT)).isZero();
                assertThat(s.count(address(100_000), EventClass.SOFT)).isEqualTo(3);
            }
            Map<String, Long> after = seqScans(url);
            Map<String, Long> scans = new TreeMap<>();
            TABLES.forEach(t -> scans.put(t, after.get(t) - before.get(t)));
            assertThat(scans).as("sequential scans while ingesting into tables of 8,000 rows").allSatisfy((t, n) -> assertThat(n).as(t).isZero());
            try (JdbcSuppressionStore s = JdbcSuppressionStore.open(url)) {
                assertThat(s.list(SuppressionList.SUPPRESSED)).hasSize(100);
            }
        }
    }

    @Test
    void twoInstancesIngestingTheSameBatchesInOppositeOrdersApplyEachEventOnce() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start();
             JdbcSuppressionStore a = JdbcSuppressionStore.open(cluster.jdbcUrl());
             JdbcSuppressionStore b = JdbcSuppressionStore.open(cluster.jdbcUrl())) {
            // 20 deliveries of 200 events over 300 addresses, each delivered to both instances (a provider's retry),
            // one instance taking the batches and their events in reverse order
            List<List<Ingestion>> deliveries = new ArrayList<>();
            for (int d = 0; d < 20; d++) {
                List<Ingestion> batch = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    EmailAddress addr = address((d * 200 + i) % 300);
                    batch.add(new Ingestion("d" + d + "-" + i, addr, Optional.of(EventClass.SOFT), 1_000, Duration.ofDays(30), Optional.empty(),
                            Set.of(), T0.plusSeconds(d * 200 + i)));
                }
                deliveries.add(batch);
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
            java.util.concurrent.Future<Integer> forward = pool.submit(() -> applied(a, deliveries));
            java.util.concurrent.Future<Integer> backward = pool.submit(() -> {
                List<List<Ingestion>> reversed = new ArrayList<>();
                for (List<Ingestion> d : deliveries) {
                    List<Ingestion> r = new ArrayList<>(d);
                    java.util.Collections.reverse(r);
                    reversed.add(0, r);
                }
                return applied(b, reversed);
            });
            assertThat(forward.get() + backward.get()).isEqualTo(4_000);
            pool.shutdown();
            int total = 0;
            for (int i = 0; i < 300; i++) {
                total += a.count(address(i), EventClass.SOFT);
            }
            assertThat(total).isEqualTo(4_000);
        }
    }

    /** Ingests the deliveries in order; returns how many events were applied (not duplicates). */
    private static int applied(JdbcSuppressionStore s, List<List<Ingestion>> deliveries) {
        int n = 0;
        for (List<Ingestion> d : deliveries) {
            for (IngestResult r : s.ingestAll(d)) {
                n += r.duplicate() ? 0 : 1;
            }
        }
        return n;
    }

    private static EmailAddress address(int i) {
        return EmailAddress.parse("soft" + i + "@example.net");
    }

    /** {@code size} soft bounces of addresses {@code first..}, threshold 3, at T0 plus {@code minutes}. */
    private static List<Ingestion> batch(String prefix, int size, int first, int minutes) {
        List<Ingestion> out = new ArrayList<>(size);
        Instant at = T0.plus(Duration.ofMinutes(minutes));
        for (int i = 0; i < size; i++) {
            EmailAddress a = address(first + i);
            out.add(new Ingestion(prefix + "-" + i, a, Optional.of(EventClass.SOFT), 3, Duration.ofDays(30),
                    Optional.of(new SuppressionEntry(a, SuppressionList.SUPPRESSED, Optional.empty(), "soft", "test", at)), Set.of(), at));
        }
        return out;
    }

    /** The tables' sequential-scan counters, once the store's connections have ended (a backend flushes its counts as it exits). */
    private static Map<String, Long> seqScans(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (int i = 0; i < 200; i++) {
                try (ResultSet r = s.executeQuery("select count(*) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()")) {
                    r.next();
                    if (r.getInt(1) == 0) {
                        break;
                    }
                }
                Thread.sleep(50);
            }
            Map<String, Long> out = new TreeMap<>();
            try (ResultSet r = s.executeQuery("select relname, seq_scan from pg_stat_user_tables")) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
            return out;
        }
    }

    private static void sql(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String q : statements) {
                s.execute(q);
            }
        }
    }
}
