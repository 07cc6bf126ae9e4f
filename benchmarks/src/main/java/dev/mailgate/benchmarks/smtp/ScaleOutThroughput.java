package dev.mailgate.benchmarks.smtp;

import com.sun.net.httpserver.HttpServer;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.smtp.TlsMode;
import dev.mailgate.smtp.callback.GenericSmtpCallbackCodec;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.SuppressionEntry;
import dev.mailgate.suppression.callback.CallbackPublisher;
import dev.mailgate.suppression.shared.SharedState;
import dev.mailgate.suppression.store.Ingestion;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import dev.mailgate.testing.db.PostgresCluster;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 23's figures on a throw-away PostgreSQL cluster ({@code PostgresCluster}: {@code fsync} off unless the second
 * argument is {@code fsync}, so that the statements' cost shows rather than a disk shared with other work): the shared quota's cost per message against the unshared limiter
 * in the same run (sendBatch, which reserves once per batch, and single sends, one reservation each), through
 * {@link LatencySink} at 0 ms; the claimed outbox drained by 3 publishers (ordered and unordered); batched event
 * ingestion. Rounds alternate the variants and the median is reported.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.mailgate.benchmarks.smtp.ScaleOutThroughput [seconds] [fsync]}
 */
public final class ScaleOutThroughput {
    private static final int ROUNDS = 3;
    private static final int CHAIN = 256;
    private static final String TEXT = "Hello Ana,\n\n" + "Here is what happened in November - cafe news and more. ".repeat(40) + "\n";

    private ScaleOutThroughput() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        try (PostgresCluster cluster = PostgresCluster.start()) {
            if (args.length > 1 && args[1].equals("fsync")) {
                // production durability: every commit waits for the disk (on a shared machine, for everyone's disk)
                try (Connection c = DriverManager.getConnection(cluster.jdbcUrl()); Statement s = c.createStatement()) {
                    s.execute("alter system set fsync = on");
                    s.execute("select pg_reload_conf()");
                }
            }
            String url = cluster.jdbcUrl();
            quota(url, seconds);
            outbox(url);
            ingestion(url, seconds);
        }
    }

    private static void quota(String url, double seconds) throws Exception {
        try (ChildSink sink = new ChildSink(0, false); SharedState shared = SharedState.open(url)) {
            SmtpConfig config = SmtpConfig.builder("127.0.0.1").port(sink.port()).credentials("bench", "bench").tlsMode(TlsMode.NONE)
                    .allowPlaintextAuth(true).maxConnections(1).maxPerDay(1_000_000_000L).build();
            // the variants alternate step by step, so that the machine's load drifts over all of them alike
            long[] nanos = new long[4];
            long[] sent = new long[4];
            try (SmtpTransport unshared = SmtpTransport.create(config);
                 SmtpTransport sharedQuota = SmtpTransport.builder(config).sharedQuota(shared.quota("bench")).build()) {
                List<Step> steps = List.of(() -> batch(unshared), () -> batch(sharedQuota), () -> single(unshared), () -> single(sharedQuota));
                long warm = System.nanoTime() + (long) (seconds * 1e9);
                while (System.nanoTime() < warm) {
                    for (Step st : steps) {
                        st.run();
                    }
                }
                long end = System.nanoTime() + (long) (seconds * 4e9);
                while (System.nanoTime() < end) {
                    for (int k = 0; k < 4; k++) {
                        long t0 = System.nanoTime();
                        sent[k] += steps.get(k).run();
                        nanos[k] += System.nanoTime() - t0;
                    }
                }
            }
            double b0 = sent[0] / (nanos[0] / 1e9);
            double b1 = sent[1] / (nanos[1] / 1e9);
            double s0 = sent[2] / (nanos[2] / 1e9);
            double s1 = sent[3] / (nanos[3] / 1e9);
            System.out.printf(Locale.ROOT, "quota sendBatch (%d per batch, one connection): unshared %.0f msg/s, shared %.0f msg/s, ratio %.3f%n",
                    CHAIN, b0, b1, b1 / b0);
            System.out.printf(Locale.ROOT, "quota send() one by one: unshared %.0f msg/s, shared %.0f msg/s, ratio %.3f, shared cost %.0f us/message%n",
                    s0, s1, s1 / s0, (1e6 / s1) - (1e6 / s0));
        }
    }

    private static int batch(SmtpTransport t) {
        List<EmailMessage> messages = new ArrayList<>(CHAIN);
        for (int i = 0; i < CHAIN; i++) {
            messages.add(message());
        }
        for (SendResult r : t.sendBatch(messages)) {
            if (r instanceof SendResult.Failed f) {
                throw new IllegalStateException(f.error());
            }
        }
        return CHAIN;
    }

    private static int single(SmtpTransport t) {
        for (int i = 0; i < 32; i++) {
            t.send(message());
        }
        return 32;
    }

    private static EmailMessage message() {
        return EmailMessage.builder().from(EmailAddress.of("Mailgate Team", "news@example.com")).to(EmailAddress.parse("ana@example.org"))
                .subject("Your November newsletter").text(TEXT).build();
    }

    interface Step {
        int run() throws Exception;
    }

    private static double rate(double seconds, Step step) throws Exception {
        long warm = System.nanoTime() + (long) (seconds * 0.3e9);
        while (System.nanoTime() < warm) {
            step.run();
        }
        long n = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            n += step.run();
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static final Pattern RECIPIENT = Pattern.compile("\"e\":\"([^\"]+)\"");

    /** 3 publishers, each on its own SharedState (its own connections), drain 30,000 events to a local HTTP server. */
    private static void outbox(String url) throws Exception {
        AtomicLong posted = new AtomicLong();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicLong duplicates = new AtomicLong();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        http.createContext("/callback", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = RECIPIENT.matcher(body);
            while (m.find()) {
                posted.incrementAndGet();
                if (!seen.add(m.group(1))) {
                    duplicates.incrementAndGet();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(8);
        http.setExecutor(workers);
        http.start();
        URI endpoint = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/callback");
        try {
            for (boolean ordered : new boolean[] {false, true}) {
                String destination = ordered ? "ordered" : "unordered";
                int events = 30_000;
                try (SharedState writerState = SharedState.open(url)) {
                    CallbackPublisher writer = CallbackPublisher.builder(endpoint, new GenericSmtpCallbackCodec(), writerState.outbox())
                            .destination(destination).build();
                    for (int from = 0; from < events; from += 1_000) {
                        List<MailEvent> chunk = new ArrayList<>(1_000);
                        for (int i = from; i < from + 1_000; i++) {
                            EventDetails d = EventDetails.builder("bench", Instant.EPOCH).recipient(EmailAddress.parse(destination + i + "@example.org"))
                                    .occurredAt(Instant.EPOCH).build();
                            chunk.add(new MailEvent.Bounced(d, BounceClass.HARD, BounceReason.USER_UNKNOWN, Diagnostic.NONE));
                        }
                        writer.publish(chunk);
                    }
                    posted.set(0);
                    duplicates.set(0);
                    List<SharedState> states = new ArrayList<>();
                    List<Thread> threads = new ArrayList<>();
                    long start = System.nanoTime();
                    for (int p = 0; p < 3; p++) {
                        SharedState st = SharedState.open(url);
                        states.add(st);
                        CallbackPublisher pub = CallbackPublisher.builder(endpoint, new GenericSmtpCallbackCodec(), st.outbox()).destination(destination)
                                .holder("bench-" + p).maxEvents(100).ordered(ordered).lease(Duration.ofSeconds(30)).build();
                        Thread t = new Thread(() -> {
                            while (pub.pending() > 0) {
                                if (pub.flush().delivered() == 0) {
                                    sleep(2);
                                }
                            }
                        });
                        t.start();
                        threads.add(t);
                    }
                    for (Thread t : threads) {
                        t.join();
                    }
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    states.forEach(SharedState::close);
                    System.out.printf(Locale.ROOT, "outbox, 3 publishers, %s: %d events in %.2f s = %.0f events/s; POSTed %d, duplicates %d%n",
                            destination, events, elapsed, events / elapsed, posted.get(), duplicates.get());
                }
            }
        } finally {
            http.stop(0);
            workers.shutdownNow();
        }
    }

    private static void ingestion(String url, double seconds) throws Exception {
        try (JdbcSuppressionStore store = JdbcSuppressionStore.open(url)) {
            AtomicLong n = new AtomicLong();
            for (int size : new int[] {1, 100, 500}) {
                double[] rates = new double[ROUNDS];
                for (int r = 0; r < ROUNDS; r++) {
                    rates[r] = rate(seconds, () -> {
                        List<Ingestion> batch = new ArrayList<>(size);
                        for (int i = 0; i < size; i++) {
                            long k = n.incrementAndGet();
                            EmailAddress a = EmailAddress.parse("soft" + (k % 200_000) + "@example.net");
                            batch.add(new Ingestion("bench-" + k, a, Optional.of(EventClass.SOFT), 5, Duration.ofDays(30),
                                    Optional.of(new SuppressionEntry(a, SuppressionList.SUPPRESSED, Optional.empty(), "soft", "bench", Instant.now())),
                                    Set.of(), Instant.now()));
                        }
                        store.ingestAll(batch);
                        return size;
                    });
                }
                System.out.printf(Locale.ROOT, "ingestion on PostgreSQL, %d per transaction: %.0f events/s (rounds %s; mg_event now %d rows)%n", size,
                        median(rates), Arrays.toString(Arrays.stream(rates).map(Math::round).toArray()), rows(url, "mg_event"));
            }
        }
    }

    private static long rows(String url, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             java.sql.ResultSet r = s.executeQuery("select count(*) from " + table)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
