package dev.mailgate.benchmarks;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.SuppressionEntry;
import dev.mailgate.suppression.store.Ingestion;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import dev.mailgate.suppression.store.SuppressionStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The suppression store, single thread: recipients checked per second by the pre-send filter's bulk lookup (a batch
 * of 1,000 recipients per call against 100,000 listed addresses), and events ingested per second (each a new soft
 * bounce: one transaction with the event key, the counter and the threshold check). Store: an H2 file
 * ({@code -p url=jdbc:postgresql://...} for PostgreSQL).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class SuppressionBenchmark {
    private static final int BATCH = 1_000;
    private static final int LISTED = 100_000;

    @Param("")
    public String url;

    private Path dir;
    private SuppressionStore store;
    private final List<List<EmailAddress>> batches = new ArrayList<>();
    private int next;
    private long events;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        String jdbc = url;
        if (jdbc.isEmpty()) {
            dir = Files.createTempDirectory("mailgate-bench-");
            jdbc = "jdbc:h2:file:" + dir.resolve("s");
        }
        store = JdbcSuppressionStore.open(jdbc);
        Instant now = Instant.now();
        for (int i = 0; i < LISTED; i += 2) {
            store.add(new SuppressionEntry(EmailAddress.parse("user" + i + "@example.org"), SuppressionList.SUPPRESSED, Optional.empty(), "bench", "bench", now));
        }
        for (int b = 0; b < 50; b++) {
            List<EmailAddress> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(EmailAddress.parse("user" + ((b * BATCH + i * 7) % LISTED) + "@example.org"));
            }
            batches.add(batch);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        store.close();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Map<EmailAddress, SuppressionList> filterChecks() {
        List<EmailAddress> batch = batches.get(next);
        next = next + 1 == batches.size() ? 0 : next + 1;
        return store.blocked(batch, Optional.of("nov"));
    }

    /** The webhook's case: 100 events of one delivery in one transaction. */
    @Benchmark
    @OperationsPerInvocation(100)
    public Object ingestEventsBatched() {
        List<Ingestion> batch = new ArrayList<>(100);
        for (int i = 0; i < 100; i++) {
            batch.add(ingestion());
        }
        return store.ingestAll(batch);
    }

    @Benchmark
    public Object ingestEvents() {
        return store.ingest(ingestion());
    }

    private Ingestion ingestion() {
        long n = events++;
        EmailAddress a = EmailAddress.parse("soft" + (n % 50_000) + "@example.net");
        return new Ingestion("bench-" + System.nanoTime() + "-" + n, a, Optional.of(EventClass.SOFT), 5, Duration.ofDays(30),
                Optional.of(new SuppressionEntry(a, SuppressionList.SUPPRESSED, Optional.empty(), "soft", "bench", Instant.now())), Set.of(),
                Instant.now());
    }
}
