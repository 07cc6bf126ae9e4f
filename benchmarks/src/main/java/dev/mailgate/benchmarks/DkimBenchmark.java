package dev.mailgate.benchmarks;

import dev.mailgate.core.dkim.DkimSigner;
import dev.mailgate.core.mime.MimeWriter;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * DKIM signing cost per message: the ~5 KB message of {@link RenderBenchmark}, rendered once, signed relaxed/relaxed
 * with RSA-2048 and with Ed25519. {@code render} (building and rendering the same message) is the baseline in the
 * same run, so the table can say what signing adds to preparing a message.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class DkimBenchmark {
    private final MimeWriter writer = MimeWriter.standard();
    private byte[] rendered;
    private DkimSigner rsa;
    private DkimSigner ed25519;

    @Setup
    public void setUp() throws NoSuchAlgorithmException {
        rendered = writer.render(RenderBenchmark.mailgateMessage()).bytes();
        KeyPairGenerator rsaGen = KeyPairGenerator.getInstance("RSA");
        rsaGen.initialize(2048);
        rsa = DkimSigner.builder("example.com", "rsa", rsaGen.generateKeyPair().getPrivate()).build();
        ed25519 = DkimSigner.builder("example.com", "ed", KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate()).build();
    }

    @Benchmark
    public int render() {
        return writer.render(RenderBenchmark.mailgateMessage()).size();
    }

    @Benchmark
    public int signRsa2048() {
        return rsa.sign(rendered).length;
    }

    @Benchmark
    public int signEd25519() {
        return ed25519.sign(rendered).length;
    }
}
