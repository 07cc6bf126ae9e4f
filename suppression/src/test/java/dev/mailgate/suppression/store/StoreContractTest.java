package dev.mailgate.suppression.store;

import dev.mailgate.testing.db.PostgresCluster;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.ExclusionPolicy;
import dev.mailgate.suppression.SuppressionEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** One contract, three stores: in memory, H2 file, and a real PostgreSQL cluster. */
class StoreContractTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final EmailAddress JANE = EmailAddress.parse("jane@example.org");

    abstract static class Contract {
        /** A fresh store on its own data, or a second handle on the same data when {@code same} is true. */
        abstract SuppressionStore store(boolean same);

        private static Ingestion soft(String key, EmailAddress a, Instant at) {
            SuppressionEntry e = new SuppressionEntry(a, SuppressionList.SUPPRESSED, Optional.empty(), "soft threshold", "test", at);
            return new Ingestion(key, a, Optional.of(EventClass.SOFT), 3, Duration.ofDays(30), Optional.of(e), Set.of(), at);
        }

        @Test
        void countsToTheThresholdOnceEachAndIgnoresReplays() {
            try (SuppressionStore s = store(false)) {
                assertThat(s.ingest(soft("e1", JANE, T0))).isEqualTo(new IngestResult(false, 1, false));
                assertThat(s.ingest(soft("e1", JANE, T0)).duplicate()).isTrue();
                assertThat(s.ingest(soft("e2", JANE, T0.plusSeconds(60))).count()).isEqualTo(2);
                assertThat(s.ingest(soft("e3", JANE, T0.plusSeconds(120)))).isEqualTo(new IngestResult(false, 3, true));
                assertThat(s.ingest(soft("e4", JANE, T0.plusSeconds(180)))).isEqualTo(new IngestResult(false, 4, false));
                assertThat(s.blocked(List.of(JANE, EmailAddress.parse("other@example.org")), Optional.empty()))
                        .containsExactly(Map.entry(JANE, SuppressionList.SUPPRESSED));
                assertThat(s.audit(JANE)).singleElement().satisfies(r -> assertThat(r.added()).isTrue());
            }
        }

        @Test
        void aBatchIsOneTransactionWithTheSameOncePerKeyGuarantee() {
            try (SuppressionStore s = store(false)) {
                List<IngestResult> results = s.ingestAll(List.of(soft("b1", JANE, T0), soft("b2", JANE, T0), soft("b1", JANE, T0),
                        soft("b3", JANE, T0)));
                assertThat(results).extracting(IngestResult::duplicate).containsExactly(false, false, true, false);
                assertThat(results).extracting(IngestResult::added).containsExactly(false, false, false, true);
                assertThat(s.count(JANE, EventClass.SOFT)).isEqualTo(3);
            }
        }

        @Test
        void countsOutsideTheWindowStartAgainAndDeliveriesReset() {
            try (SuppressionStore s = store(false)) {
                s.ingest(soft("a", JANE, T0));
                s.ingest(soft("b", JANE, T0.plusSeconds(1)));
                assertThat(s.ingest(soft("c", JANE, T0.plus(Duration.ofDays(31)))).count()).isEqualTo(1);
                s.ingest(new Ingestion("d", JANE, Optional.empty(), 1, Duration.ofDays(1), Optional.empty(), Set.of(EventClass.SOFT),
                        T0.plus(Duration.ofDays(32))));
                assertThat(s.count(JANE, EventClass.SOFT)).isZero();
            }
        }

        @Test
        void campaignScopedUnsubscribesBlockOnlyThatCampaign() {
            try (SuppressionStore s = store(false)) {
                s.add(new SuppressionEntry(JANE, SuppressionList.UNSUBSCRIBED, Optional.of("nov"), "clicked unsubscribe", "test", T0));
                assertThat(s.blocked(List.of(JANE), Optional.of("nov"))).containsEntry(JANE, SuppressionList.UNSUBSCRIBED);
                assertThat(s.blocked(List.of(JANE), Optional.of("dec"))).isEmpty();
                assertThat(s.blocked(List.of(JANE), Optional.empty())).isEmpty();
                assertThat(s.remove(JANE, SuppressionList.UNSUBSCRIBED, Optional.of("nov"), "asked to rejoin", "operator")).isTrue();
                assertThat(s.blocked(List.of(JANE), Optional.of("nov"))).isEmpty();
                assertThat(s.audit(JANE)).extracting(AuditRecord::added).containsExactly(true, false);
                assertThat(s.audit(JANE).get(1).reason()).isEqualTo("asked to rejoin");
            }
        }

        @Test
        void domainsCompareWithoutCaseAndLookupsAreBulk() {
            try (SuppressionStore s = store(false)) {
                s.add(new SuppressionEntry(EmailAddress.parse("Bob@Example.ORG"), SuppressionList.SUPPRESSED, Optional.empty(), "x", "t", T0));
                List<EmailAddress> many = new ArrayList<>();
                for (int i = 0; i < 1_200; i++) {
                    many.add(EmailAddress.parse("user" + i + "@example.org"));
                }
                many.add(EmailAddress.parse("Bob@example.org"));
                assertThat(s.blocked(many, Optional.empty())).containsOnlyKeys(EmailAddress.parse("Bob@example.org"));
                assertThat(s.list(SuppressionList.SUPPRESSED)).hasSize(1);
            }
        }

        /** Issue 19: John.Doe@Example.COM was not blocked after john.doe@example.com was suppressed. */
        @Test
        void addressesMatchWithoutCaseAndKeepTheirSpellingForDisplay() {
            try (SuppressionStore s = store(false)) {
                EmailAddress written = EmailAddress.parse("John.Doe@Example.COM");
                s.add(new SuppressionEntry(written, SuppressionList.SUPPRESSED, Optional.empty(), "hard bounce", "test", T0));
                EmailAddress lower = EmailAddress.parse("john.doe@example.com");
                EmailAddress quoted = EmailAddress.parse("\"JOHN.DOE\"@example.com");
                assertThat(s.blocked(List.of(lower, written, quoted), Optional.empty()))
                        .as("every spelling of the address, each reported as the caller wrote it")
                        .containsOnlyKeys(lower, written, quoted);
                assertThat(s.add(new SuppressionEntry(lower, SuppressionList.SUPPRESSED, Optional.empty(), "again", "test", T0))).isFalse();
                assertThat(s.list(SuppressionList.SUPPRESSED)).singleElement()
                        .satisfies(e -> assertThat(e.address().address()).isEqualTo("John.Doe@Example.COM"));
                assertThat(s.remove(lower, SuppressionList.SUPPRESSED, Optional.empty(), "fixed", "operator")).isTrue();
                assertThat(s.audit(written)).hasSize(2);
            }
        }

        @Test
        void unicodeDomainsAndLocalPartsMatchInTheirNormalForms() {
            try (SuppressionStore s = store(false)) {
                s.add(new SuppressionEntry(EmailAddress.parse("JOSÉ@BÜCHER.example"), SuppressionList.SUPPRESSED, Optional.empty(), "x", "t", T0));
                EmailAddress same = EmailAddress.parse("jos\u0065\u0301@xn--bcher-kva.example".translateEscapes());
                assertThat(s.blocked(List.of(same), Optional.empty())).as("NFC, lower case, A-label").containsOnlyKeys(same);
                s.add(new SuppressionEntry(EmailAddress.parse("john@faß.de"), SuppressionList.SUPPRESSED, Optional.empty(), "x", "t", T0));
                assertThat(s.blocked(List.of(EmailAddress.parse("john@fass.de")), Optional.empty())).as("IDNA2008: another domain").isEmpty();
            }
        }

        /** Issue 19: the window was fixed from the first bounce, so three close together could straddle a reset. */
        @Test
        void theSoftWindowSlidesAndItsEdgesAreExact() {
            Duration day = Duration.ofDays(1);
            try (SuppressionStore s = store(false)) {
                s.ingest(soft("w0", JANE, T0));
                s.ingest(soft("w1", JANE, T0.plus(day.multipliedBy(29))));
                s.ingest(soft("w2", JANE, T0.plus(day.multipliedBy(31))));
                assertThat(s.ingest(soft("w3", JANE, T0.plus(day.multipliedBy(32)))))
                        .as("days 29, 31 and 32 are three within 30 days").isEqualTo(new IngestResult(false, 3, true));
            }
            EmailAddress kim = EmailAddress.parse("kim@example.org");
            try (SuppressionStore s = store(false)) {
                s.ingest(soft("k0", kim, T0));
                s.ingest(soft("k1", kim, T0.plus(day.multipliedBy(15))));
                assertThat(s.ingest(soft("k2", kim, T0.plus(Duration.ofDays(30)).minusSeconds(1))))
                        .as("one second inside the window").isEqualTo(new IngestResult(false, 3, true));
            }
            EmailAddress lee = EmailAddress.parse("lee@example.org");
            try (SuppressionStore s = store(false)) {
                s.ingest(soft("l0", lee, T0));
                s.ingest(soft("l1", lee, T0.plus(day.multipliedBy(15))));
                assertThat(s.ingest(soft("l2", lee, T0.plus(Duration.ofDays(30)))))
                        .as("exactly 30 days later the first has left the window").isEqualTo(new IngestResult(false, 2, false));
                assertThat(s.count(lee, EventClass.SOFT)).isEqualTo(2);
            }
        }

        /** The CRM seed's "Address exclusion policy": Campaigns (the default) or Global. */
        @Test
        void theExclusionPolicySaysWhichUnsubscribesCount() {
            EmailAddress kim = EmailAddress.parse("kim@example.org");
            EmailAddress lee = EmailAddress.parse("lee@example.org");
            try (SuppressionStore s = store(false)) {
                s.add(new SuppressionEntry(JANE, SuppressionList.UNSUBSCRIBED, Optional.of("oct"), "left oct", "test", T0));
                s.add(new SuppressionEntry(kim, SuppressionList.UNSUBSCRIBED, Optional.empty(), "left all", "test", T0));
                s.add(new SuppressionEntry(lee, SuppressionList.SUPPRESSED, Optional.empty(), "hard bounce", "test", T0));
                List<EmailAddress> all = List.of(JANE, kim, lee);
                assertThat(s.blocked(all, Optional.of("nov"), ExclusionPolicy.CAMPAIGN)).as("Campaigns: only this campaign's and global")
                        .containsOnlyKeys(kim, lee);
                assertThat(s.blocked(all, Optional.of("nov"))).isEqualTo(s.blocked(all, Optional.of("nov"), ExclusionPolicy.CAMPAIGN));
                assertThat(s.blocked(all, Optional.of("nov"), ExclusionPolicy.GLOBAL)).as("Global: unsubscribed anywhere")
                        .containsEntry(JANE, SuppressionList.UNSUBSCRIBED).containsEntry(kim, SuppressionList.UNSUBSCRIBED)
                        .containsEntry(lee, SuppressionList.SUPPRESSED);
                assertThat(s.blocked(List.of(EmailAddress.parse("JANE@example.org")), Optional.empty(), ExclusionPolicy.GLOBAL)).hasSize(1);
            }
        }

        /** Issue 19: mg_event grew forever; the retention is the de-duplication window. */
        @Test
        void prunedEventKeysAreForgottenAndKeptOnesStillDeduplicate() throws Exception {
            try (SuppressionStore s = store(false)) {
                s.ingest(soft("old", JANE, T0));
                Instant between = Instant.now();
                Thread.sleep(5);
                s.ingest(soft("new", JANE, T0.plusSeconds(1)));
                assertThat(s.pruneEvents(between.minusSeconds(3600))).as("nothing stored before an hour ago").isZero();
                assertThat(s.ingest(soft("old", JANE, T0)).duplicate()).isTrue();
                assertThat(s.pruneEvents(between)).as("only the key stored before").isEqualTo(1);
                assertThat(s.ingest(soft("new", JANE, T0.plusSeconds(1))).duplicate()).isTrue();
                assertThat(s.ingest(soft("old", JANE, T0)).duplicate()).as("past the retention a replay counts again").isFalse();
                assertThat(EventRetention.of(s, Duration.ofDays(90)).pruneOnce()).isZero();
            }
        }

        @Test
        void theOutboxKeepsDestinationsApartAndRequeuesRefusedItems() {
            try (SuppressionStore s = store(false)) {
                CallbackOutbox o = s.outbox();
                o.add("crm", List.of(new byte[] {1}, new byte[] {2}, new byte[] {3}));
                o.add("analytics", List.of(new byte[] {9}));
                List<OutboxItem> items = o.pending("crm", 10);
                assertThat(items).extracting(i -> i.payload()[0]).containsExactly((byte) 1, (byte) 2, (byte) 3);
                o.retryLater(List.of(items.get(0).id()), "HTTP 401");
                o.refused(List.of(items.get(1).id()), "HTTP 422");
                o.delivered(List.of(items.get(2).id()));
                assertThat(o.pending("crm", 10)).singleElement().satisfies(i -> assertThat(i.attempts()).isEqualTo(1));
                assertThat(o.count("crm", true)).isEqualTo(1);
                assertThat(o.requeue("crm")).isEqualTo(1);
                assertThat(o.requeue("crm")).isZero();
                assertThat(o.pending("crm", 10)).hasSize(2);
                assertThat(o.count("analytics", false)).isEqualTo(1);
            }
        }

        @Test
        void theOutboxDepthCountsPendingAndRefusedAndKnowsWhenTheOldestPendingItemWasStored() {
            try (SuppressionStore s = store(false)) {
                CallbackOutbox o = s.outbox();
                assertThat(o.depth("crm")).isEqualTo(new OutboxDepth(0, 0, Optional.empty()));
                Instant before = Instant.now();
                o.add("crm", List.of(new byte[] {1}, new byte[] {2}, new byte[] {3}));
                Instant after = Instant.now();
                o.add("analytics", List.of(new byte[] {9}));
                List<OutboxItem> items = o.pending("crm", 10);
                o.refused(List.of(items.get(0).id()), "HTTP 422");
                OutboxDepth depth = o.depth("crm");
                assertThat(depth.pending()).isEqualTo(2);
                assertThat(depth.refused()).isEqualTo(1);
                // stored with the database's timestamp precision (microseconds in PostgreSQL)
                assertThat(depth.oldestPending()).hasValueSatisfying(t -> assertThat(t).isBetween(before.minusSeconds(1), after.plusSeconds(1)));
                o.delivered(List.of(items.get(1).id(), items.get(2).id()));
                assertThat(o.depth("crm")).isEqualTo(new OutboxDepth(0, 1, Optional.empty()));
            }
        }

        @Test
        void concurrentIngestionFromTwoInstancesEndsWithExactCounts() throws Exception {
            try (SuppressionStore a = store(false); SuppressionStore b = store(true)) {
                List<EmailAddress> addresses = List.of(JANE, EmailAddress.parse("john@example.org"), EmailAddress.parse("kim@example.org"));
                ExecutorService pool = Executors.newFixedThreadPool(6);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    SuppressionStore s = t % 2 == 0 ? a : b;
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 30; i++) {
                            EmailAddress addr = addresses.get(i % 3);
                            SuppressionEntry e = new SuppressionEntry(addr, SuppressionList.SUPPRESSED, Optional.empty(), "x", "t", T0);
                            // every event twice: once from each thread pair, as a replayed delivery would be
                            String key = "k" + (thread / 2) + "-" + i;
                            s.ingest(new Ingestion(key, addr, Optional.of(EventClass.SOFT), 1_000, Duration.ofDays(30), Optional.of(e), Set.of(), T0));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                pool.shutdown();
                // 3 distinct key sets x 30 events, spread over 3 addresses: 30 each, replays not counted
                for (EmailAddress addr : addresses) {
                    assertThat(a.count(addr, EventClass.SOFT)).as(addr.address()).isEqualTo(30);
                }
            }
        }
    }

    /** The JDBC stores: the same contract, and the migration of a database an older Mailgate wrote. */
    abstract static class JdbcContract extends Contract {
        /** The URL of a fresh, empty database. */
        abstract String freshUrl();

        private static void sql(java.sql.Connection c, String... statements) throws java.sql.SQLException {
            try (var st = c.createStatement()) {
                for (String q : statements) {
                    st.execute(q);
                }
            }
        }

        /** A schema v2 database as Mailgate 0.1 left it: keys with the local part as written, fixed-window counters. */
        @Test
        void aVersion2StoreIsMigratedWithCaseVariantsMergedAndNothingLost() throws Exception {
            String url = freshUrl();
            try (var c = java.sql.DriverManager.getConnection(url)) {
                sql(c, "create table mg_schema (version integer not null)", "insert into mg_schema values (1)", "insert into mg_schema values (2)",
                        "create table mg_entry (address varchar(320) not null, list varchar(16) not null, scope varchar(200) not null, "
                                + "reason varchar(2000) not null, source varchar(100) not null, created_at timestamp not null, primary key (address, list, scope))",
                        "create table mg_counter (address varchar(320) not null, klass varchar(16) not null, count integer not null, "
                                + "window_start timestamp not null, primary key (address, klass))",
                        "create table mg_event (event_key varchar(300) primary key, seen_at timestamp not null)",
                        "create table mg_audit (address varchar(320) not null, list varchar(16) not null, scope varchar(200) not null, "
                                + "added boolean not null, reason varchar(2000) not null, source varchar(100) not null, at timestamp not null)",
                        "create table mg_outbox (id bigint generated by default as identity primary key, destination varchar(2000) not null, "
                                + "payload varchar(1000000) not null, attempts integer not null, failed boolean not null, last_error varchar(2000), "
                                + "created_at timestamp not null)",
                        "insert into mg_entry values ('John.Doe@example.com', 'SUPPRESSED', '', 'hard bounce', 'bounce-mail', timestamp '2026-11-01 10:00:00')",
                        "insert into mg_entry values ('JOHN.DOE@example.com', 'SUPPRESSED', '', 'complaint', 'cloudmailin', timestamp '2026-11-02 10:00:00')",
                        "insert into mg_entry values ('Kim@example.org', 'UNSUBSCRIBED', 'nov', 'unsubscribe campaign nov', 'one-click', timestamp '2026-11-03 10:00:00')",
                        "insert into mg_audit values ('John.Doe@example.com', 'SUPPRESSED', '', true, 'hard bounce', 'bounce-mail', timestamp '2026-11-01 10:00:00')",
                        "insert into mg_counter values ('Lee@example.org', 'SOFT', 2, timestamp '2026-11-20 10:00:00')",
                        "insert into mg_counter values ('lee@example.org', 'SOFT', 1, timestamp '2026-11-21 10:00:00')",
                        "insert into mg_event values ('bounce-mail:id:<dsn-1@example.org>/lee@example.org', timestamp '2026-11-20 10:00:00')",
                        "insert into mg_outbox (destination, payload, attempts, failed, created_at) values "
                                + "('generic-smtp-callback https://old.example/cb', 'W10=', 2, false, timestamp '2026-11-22 10:00:00')");
            }
            try (SuppressionStore s = reopen(url)) {
                EmailAddress john = EmailAddress.parse("john.doe@example.com");
                assertThat(s.blocked(List.of(john), Optional.empty())).containsEntry(john, SuppressionList.SUPPRESSED);
                assertThat(s.list(SuppressionList.SUPPRESSED)).as("the older of the two variants stays, as written").singleElement()
                        .satisfies(e -> {
                            assertThat(e.address().address()).isEqualTo("John.Doe@example.com");
                            assertThat(e.reason()).isEqualTo("hard bounce");
                        });
                assertThat(s.audit(john)).hasSize(1);
                assertThat(s.blocked(List.of(EmailAddress.parse("kim@example.org")), Optional.of("nov"))).hasSize(1);
                EmailAddress lee = EmailAddress.parse("LEE@example.org");
                assertThat(s.count(lee, EventClass.SOFT)).as("the variants' counts summed").isEqualTo(3);
                assertThat(s.ingest(new Ingestion("bounce-mail:id:<dsn-1@example.org>/lee@example.org", lee, Optional.of(EventClass.SOFT), 3,
                        Duration.ofDays(30), Optional.empty(), Set.of(), T0)).duplicate()).as("event keys kept").isTrue();
                assertThat(s.pruneEvents(Instant.now().minusSeconds(3600))).as("kept a full retention from the upgrade").isZero();
                assertThat(s.outbox().pending("generic-smtp-callback", 10)).as("the outbox named by its format")
                        .singleElement().satisfies(i -> assertThat(i.attempts()).isEqualTo(2));
            }
            try (var c = java.sql.DriverManager.getConnection(url); var st = c.createStatement();
                 var r = st.executeQuery("select max(version) from mg_schema")) {
                r.next();
                assertThat(r.getInt(1)).isEqualTo(JdbcSuppressionStore.SCHEMA_VERSION).isEqualTo(3);
            }
        }

        abstract SuppressionStore reopen(String url);
    }

    @Nested
    class InMemory extends Contract {
        private InMemorySuppressionStore shared;

        @Override
        SuppressionStore store(boolean same) {
            if (!same || shared == null) {
                shared = new InMemorySuppressionStore();
            }
            return shared;
        }
    }

    @Nested
    class H2File extends JdbcContract {
        @TempDir
        Path dir;
        private int n;

        @Override
        String freshUrl() {
            return "jdbc:h2:file:" + dir.resolve("fresh" + (++n));
        }

        @Override
        SuppressionStore reopen(String url) {
            return JdbcSuppressionStore.open(url);
        }

        @Override
        SuppressionStore store(boolean same) {
            if (!same) {
                n++;
            }
            return JdbcSuppressionStore.open("jdbc:h2:file:" + dir.resolve("s" + n));
        }

        @Test
        void survivesReopening() {
            try (SuppressionStore s = store(false)) {
                s.add(new SuppressionEntry(JANE, SuppressionList.SUPPRESSED, Optional.empty(), "hard bounce", "test", T0));
            }
            try (SuppressionStore again = store(true)) {
                assertThat(again.blocked(List.of(JANE), Optional.empty())).containsKey(JANE);
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PostgreSql extends JdbcContract {
        private PostgresCluster cluster;
        private int n;

        @Override
        String freshUrl() {
            n++;
            try (var c = java.sql.DriverManager.getConnection(cluster.jdbcUrl()); var st = c.createStatement()) {
                st.execute("create database s" + n);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return cluster.jdbcUrl().replace("/postgres?", "/s" + n + "?");
        }

        @Override
        SuppressionStore reopen(String url) {
            return JdbcSuppressionStore.open(url);
        }

        @BeforeAll
        void start() throws Exception {
            cluster = PostgresCluster.start();
        }

        @AfterAll
        void stop() throws Exception {
            cluster.close();
        }

        @Override
        SuppressionStore store(boolean same) {
            if (!same) {
                n++;
                try (var c = java.sql.DriverManager.getConnection(cluster.jdbcUrl()); var st = c.createStatement()) {
                    st.execute("create database s" + n);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            }
            return JdbcSuppressionStore.open(cluster.jdbcUrl().replace("/postgres?", "/s" + n + "?"));
        }
    }

}
