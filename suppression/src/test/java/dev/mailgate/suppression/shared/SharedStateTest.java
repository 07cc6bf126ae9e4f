package dev.mailgate.suppression.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.EventKeys;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.SharedQuota;
import dev.mailgate.core.transport.EnhancedStatusCode;
import dev.mailgate.core.webhook.SeenEvents;
import dev.mailgate.smtp.QuotaExceededException;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.suppression.SuppressionPolicy;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.store.CallbackOutbox;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import dev.mailgate.suppression.store.OutboxItem;
import dev.mailgate.testing.db.PostgresCluster;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Two handles on one database stand for two application instances (the 3-JVM proof is {@code ScaleOutTest}). */
class SharedStateTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock AT_T0 = Clock.fixed(T0, ZoneOffset.UTC);

    abstract static class Contract {
        /** A fresh, empty database's URL. */
        abstract String freshUrl();

        @Test
        void theDailyQuotaIsSharedTakenAtomicallyAndKeptAcrossARestart() throws Exception {
            String url = freshUrl();
            try (TestSmtpServer server = TestSmtpServer.builder().build().start();
                 SharedState a = SharedState.open(url);
                 SharedState b = SharedState.open(url)) {
                SmtpConfig config = SmtpConfig.builder("localhost").port(server.port()).tlsMode(dev.mailgate.smtp.TlsMode.NONE).maxPerDay(10).build();
                List<Object> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
                ExecutorService pool = Executors.newFixedThreadPool(4);
                try (SmtpTransport one = SmtpTransport.builder(config).clock(AT_T0).sharedQuota(a.quota("acct")).build();
                     SmtpTransport two = SmtpTransport.builder(config).clock(AT_T0).sharedQuota(b.quota("acct")).build()) {
                    List<Future<?>> running = new ArrayList<>();
                    for (SmtpTransport t : List.of(one, two)) {
                        // a batch (one reservation) and single sends (one each), racing
                        running.add(pool.submit(() -> t.sendBatch(messages(6)).forEach(r -> outcomes.add(r instanceof SendResult.Sent ? "sent"
                                : ((SendResult.Failed) r).error()))));
                        running.add(pool.submit(() -> {
                            for (EmailMessage m : messages(3)) {
                                try {
                                    t.send(m);
                                    outcomes.add("sent");
                                } catch (RuntimeException e) {
                                    outcomes.add(e);
                                }
                            }
                        }));
                    }
                    for (Future<?> f : running) {
                        f.get();
                    }
                    assertThat(outcomes).hasSize(18);
                    assertThat(outcomes.stream().filter("sent"::equals)).hasSize(10);
                    assertThat(outcomes.stream().filter(o -> !"sent".equals(o))).allMatch(o -> o instanceof QuotaExceededException);
                    assertThat(server.messages()).hasSize(10);
                    assertThat(one.sentToday()).isEqualTo(10);
                } finally {
                    pool.shutdownNow();
                }
            }
            // a restart mid-day: the day's count is in the database, not given back with the JVM
            try (TestSmtpServer server = TestSmtpServer.builder().build().start(); SharedState again = SharedState.open(url);
                 SmtpTransport t = SmtpTransport.builder(SmtpConfig.builder("localhost").port(server.port()).tlsMode(dev.mailgate.smtp.TlsMode.NONE).maxPerDay(10).build()).clock(AT_T0)
                         .sharedQuota(again.quota("acct")).build()) {
                assertThat(t.sentToday()).isEqualTo(10);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.send(messages(1).get(0))).isInstanceOf(QuotaExceededException.class);
                assertThat(server.messages()).isEmpty();
                // another account and the next UTC day are counted apart
                assertThat(again.quota("other").used(LocalDate.of(2026, 11, 23))).isZero();
                assertThat(again.quota("acct").reserve(LocalDate.of(2026, 11, 24), 3, 10, Duration.ZERO, T0.plus(Duration.ofDays(1))).granted())
                        .isEqualTo(3);
            }
        }

        @Test
        void aMessageThatCertainlyWasNotSentIsGivenBackToTheSharedCount() throws Exception {
            String url = freshUrl();
            try (TestSmtpServer server = TestSmtpServer.builder().on(TestSmtpServer.DATA_END, ServerAction.reply("554 5.7.1 refused"), 1).build().start();
                 SharedState s = SharedState.open(url);
                 SmtpTransport t = SmtpTransport.builder(SmtpConfig.builder("localhost").port(server.port()).tlsMode(dev.mailgate.smtp.TlsMode.NONE).maxPerDay(5).build()).clock(AT_T0)
                         .sharedQuota(s.quota("acct")).build()) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> t.send(messages(1).get(0))).isNotInstanceOf(QuotaExceededException.class);
                assertThat(t.sentToday()).isZero();
                // a batch's unused reservation is given back at its end
                assertThat(t.sendBatch(messages(3))).allMatch(r -> r instanceof SendResult.Sent);
                assertThat(t.sentToday()).isEqualTo(3);
            }
        }

        @Test
        void thePaceIsSharedToo() {
            try (SharedState s = SharedState.open(freshUrl())) {
                SharedQuota q = s.quota("paced");
                LocalDate day = LocalDate.of(2026, 11, 23);
                SharedQuota.Reservation first = q.reserve(day, 4, 0, Duration.ofMillis(100), T0);
                SharedQuota.Reservation second = s.quota("paced").reserve(day, 1, 0, Duration.ofMillis(100), T0);
                assertThat(first.firstSlot()).isEqualTo(T0);
                assertThat(second.firstSlot()).as("after the four slots the other instance reserved").isEqualTo(T0.plusMillis(400));
            }
        }

        @Test
        void aClaimIsExclusiveAcrossInstancesEndsWhenItsHolderDiesAndARecordDeduplicates() {
            String url = freshUrl();
            MutableClock clock = new MutableClock(T0);
            try (SharedState a = SharedState.open(url); SharedState b = SharedState.open(url)) {
                SeenEvents one = a.withClock(clock).seenEvents();
                SeenEvents two = b.withClock(clock).seenEvents();
                assertThat(one.claim("k1")).isTrue();
                assertThat(two.claim("k1")).as("held by the other instance").isFalse();
                assertThat(two.contains("k1")).isFalse();
                clock.advance(SharedState.CLAIM.plusSeconds(1));
                assertThat(two.claim("k1")).as("the holder died: its claim ended").isTrue();
                two.addAll(List.of("k1"));
                assertThat(one.contains("k1")).isTrue();
                assertThat(one.claim("k1")).isFalse();
                assertThat(one.claim("k2")).isTrue();
                one.release(List.of("k2"));
                assertThat(two.claim("k2")).as("released: a retry hands it over").isTrue();
            }
        }

        @Test
        void theSameDeliveryThroughTwoInstancesIsAppliedOnceAndAnIngestedEventCountsAsSeen() throws Exception {
            String url = freshUrl();
            try (SharedState a = SharedState.open(url); SharedState b = SharedState.open(url);
                 JdbcSuppressionStore sa = JdbcSuppressionStore.open(url); JdbcSuppressionStore sb = JdbcSuppressionStore.open(url)) {
                Suppressions one = new Suppressions(sa, SuppressionPolicy.defaults());
                Suppressions two = new Suppressions(sb, SuppressionPolicy.defaults());
                MailEvent hard = bounce("evt-1", "jane@example.org", BounceClass.HARD);
                // the listener's work commits the key (mg_event): a crash before addAll still leaves it seen
                one.ingestAll(List.of(hard));
                SeenEvents seen = b.seenEvents();
                assertThat(seen.contains(EventKeys.of(hard))).isTrue();
                assertThat(seen.claim(EventKeys.of(hard))).isFalse();
                assertThat(a.webhookHandler(new dev.mailgate.core.event.CallbackCodec() {
                    @Override
                    public String format() {
                        return "test";
                    }

                    @Override
                    public List<MailEvent> decode(byte[] body, Instant receivedAt) {
                        return List.of();
                    }
                }, two).authenticator(dev.mailgate.core.webhook.WebhookAuthenticator.none()).build()).isNotNull();
            }
        }

        @Test
        void outboxRowsAreClaimedByOnePublisherAndALapsedLeaseIsTakenOver() {
            String url = freshUrl();
            MutableClock clock = new MutableClock(T0);
            try (SharedState a = SharedState.open(url); SharedState b = SharedState.open(url)) {
                CallbackOutbox one = a.withClock(clock).outbox();
                CallbackOutbox two = b.withClock(clock).outbox();
                List<byte[]> payloads = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    payloads.add(("e" + i).getBytes());
                }
                one.add("crm", payloads);
                // unordered: disjoint batches at once
                List<OutboxItem> x = one.claim("crm", "A", 4, Duration.ofSeconds(30), false);
                List<OutboxItem> y = two.claim("crm", "B", 4, Duration.ofSeconds(30), false);
                assertThat(x).hasSize(4);
                assertThat(y).hasSize(4);
                Set<Long> ids = new HashSet<>();
                x.forEach(i -> ids.add(i.id()));
                y.forEach(i -> assertThat(ids.add(i.id())).isTrue());
                one.retryLater(ids(x), "test");
                two.retryLater(ids(y), "test");
                // ordered: one holder at a time, from the oldest
                List<OutboxItem> head = one.claim("crm", "A", 3, Duration.ofSeconds(30), true);
                assertThat(head).extracting(i -> new String(i.payload())).containsExactly("e0", "e1", "e2");
                assertThat(two.claim("crm", "B", 3, Duration.ofSeconds(30), true)).as("A's lease is live").isEmpty();
                clock.advance(Duration.ofSeconds(31));
                List<OutboxItem> taken = two.claim("crm", "B", 3, Duration.ofSeconds(30), true);
                assertThat(taken).extracting(i -> new String(i.payload())).containsExactly("e0", "e1", "e2");
                assertThat(one.delivered("A", ids(head))).as("A lost its lease: it deletes nothing").isZero();
                assertThat(two.delivered("B", ids(taken))).isEqualTo(3);
                assertThat(one.count("crm", false)).isEqualTo(7);
            }
        }

        @Test
        void oneInstanceHoldsALeaseAndAStandbyTakesOverWhenItLapses() {
            String url = freshUrl();
            MutableClock clock = new MutableClock(T0);
            try (SharedState a = SharedState.open(url); SharedState b = SharedState.open(url)) {
                Leases one = a.withClock(clock).leases();
                Leases two = b.withClock(clock).leases();
                Lease first = one.acquire("imap:bounces", "A", Duration.ofSeconds(10)).orElseThrow();
                assertThat(two.acquire("imap:bounces", "B", Duration.ofSeconds(10))).isEmpty();
                clock.advance(Duration.ofSeconds(5));
                assertThat(one.acquire("imap:bounces", "A", Duration.ofSeconds(10))).as("renewed").isPresent();
                clock.advance(Duration.ofSeconds(9));
                assertThat(two.acquire("imap:bounces", "B", Duration.ofSeconds(10))).isEmpty();
                clock.advance(Duration.ofSeconds(2));
                Lease second = two.acquire("imap:bounces", "B", Duration.ofSeconds(10)).orElseThrow();
                assertThat(second.fence()).isGreaterThan(first.fence());
                two.release("imap:bounces", "B");
                assertThat(one.acquire("imap:bounces", "A", Duration.ofSeconds(10))).as("released: taken at once").isPresent();
            }
        }

        private static List<Long> ids(List<OutboxItem> items) {
            return items.stream().map(OutboxItem::id).toList();
        }
    }

    @Nested
    class H2File extends Contract {
        @TempDir
        Path dir;
        private int n;

        @Override
        String freshUrl() {
            return "jdbc:h2:file:" + dir.resolve("s" + ++n);
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class PostgreSql extends Contract {
        private PostgresCluster cluster;
        private int n;

        @BeforeAll
        void start() throws Exception {
            cluster = PostgresCluster.start();
        }

        @AfterAll
        void stop() throws Exception {
            cluster.close();
        }

        @Override
        String freshUrl() {
            n++;
            try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement st = c.createStatement()) {
                st.execute("create database sh" + n);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
            return cluster.jdbcUrl().replace("/postgres?", "/sh" + n + "?");
        }

        @Test
        void instancesStartingAtOnceMigrateOnce() throws Exception {
            String url = freshUrl();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<SharedState>> opening = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    opening.add(pool.submit(() -> SharedState.open(url)));
                }
                for (Future<SharedState> f : opening) {
                    f.get().close();
                }
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                 ResultSet r = st.executeQuery("select version, count(*) from mg_schema group by version order by version")) {
                List<String> rows = new ArrayList<>();
                while (r.next()) {
                    rows.add(r.getInt(1) + "x" + r.getInt(2));
                }
                assertThat(rows).containsExactly("1x1", "2x1", "3x1", "4x1");
            }
        }

        @Test
        void aNewerSchemaIsRefused() throws Exception {
            String url = freshUrl();
            SharedState.open(url).close();
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("insert into mg_schema (version) values (5)");
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SharedState.open(url))
                    .hasMessageContaining("schema version 5, newer than this Mailgate's 4");
        }
    }

    static List<EmailMessage> messages(int n) {
        List<EmailMessage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(EmailMessage.builder().from("news@example.com").to("user" + COUNTER.incrementAndGet() + "@example.org").subject("hi").text("hello\n").build());
        }
        return out;
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();

    static MailEvent bounce(String id, String to, BounceClass c) {
        EventDetails d = EventDetails.builder("test", T0).recipient(EmailAddress.parse(to)).eventId(id).occurredAt(T0).build();
        return new MailEvent.Bounced(d, c, BounceReason.USER_UNKNOWN, new Diagnostic(Optional.of(EnhancedStatusCode.parse("5.1.1")), OptionalInt.empty(), "",
                Optional.empty()));
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
