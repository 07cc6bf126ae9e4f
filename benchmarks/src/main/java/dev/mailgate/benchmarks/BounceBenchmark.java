package dev.mailgate.benchmarks;

import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.BounceReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse + classify throughput over the bounce sample corpus, single thread: each operation reads the next message
 * of the corpus (all 319, round robin) from bytes to a classified {@link BounceReport}, so ops/s is messages/s.
 * Run from the repository root (the corpus is the bounce-codec test fixtures), or pass {@code -p corpus=DIR}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class BounceBenchmark {
    @Param("bounce-codec/src/test/resources/bounce-samples/emails")
    public String corpus;

    private final BounceParser parser = BounceParser.create();
    private List<byte[]> messages;
    private int next;

    @Setup
    public void load() {
        messages = load(Path.of(corpus));
    }

    static List<byte[]> load(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".eml")).sorted().map(p -> {
                try {
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus " + dir.toAbsolutePath() + " (run from the repository root)", e);
        }
    }

    @Benchmark
    public BounceReport parseAndClassify() {
        byte[] m = messages.get(next);
        next = next + 1 == messages.size() ? 0 : next + 1;
        return parser.parse(m);
    }
}
