package dev.mailgate.benchmarks.smtp;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.smtp.TlsMode;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Bytes allocated per message on the batch path (issue 25), by stage: building the ~5 KB message of
 * {@link SmtpThroughput}, its preparation (render, validate), and a whole {@code sendBatch} on one connection with
 * the defaults (RTT 0, the sink in a child JVM). Counted with the JDK's per-thread allocation counters
 * ({@code com.sun.management.ThreadMXBean}) summed over every thread of this JVM, so the executor's workers, the
 * watchdog and the QUIT thread are in the figure; the child sink is not. Allocation per operation does not depend
 * on the machine's load, unlike wall-clock figures.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.mailgate.benchmarks.smtp.BatchAllocation [rounds]};
 * add {@code -XX:StartFlightRecording:settings=profile,filename=batch.jfr} for where the bytes go.
 */
public final class BatchAllocation {
    private static final String TEXT = "Hello Ana,\n\n" + "Here is what happened in November - cafe news and more. ".repeat(40) + "\n";
    private static final String HTML = "<html><body><p>Hello Ana,</p>" + "<p>Here is what happened in November &mdash; caf&eacute; news.</p>".repeat(38) + "</body></html>\n";
    private static final int CHAIN = 256;
    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private BatchAllocation() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        try (ChildSink sink = new ChildSink(0, false);
             SmtpTransport defaults = transport(sink.port(), 100);
             SmtpTransport noReconnect = transport(sink.port(), 1_000_000)) {
            // Warm-up: JIT, pools, class loading are not per message.
            for (int i = 0; i < rounds / 2; i++) {
                batch(defaults);
                batch(noReconnect);
            }
            long n = (long) rounds * CHAIN;
            long build = allocated(() -> {
                for (int i = 0; i < n; i++) {
                    message();
                }
            });
            long prepare = allocated(() -> {
                for (int i = 0; i < n; i++) {
                    defaults.preparation().prepare(message());
                }
            });
            // What the connection does for the wire (CRLF, dot-stuffing, terminator) as it writes a prepared message into
            // its buffer, here into a discarding stream. smtp.internal is not exported, which the benchmarks jar (class
            // path) does not enforce.
            dev.mailgate.core.mime.RenderedMessage rendered = defaults.preparation().prepare(message()).rendered();
            dev.mailgate.smtp.internal.DotStuffingOutput wire = new dev.mailgate.smtp.internal.DotStuffingOutput(java.io.OutputStream.nullOutputStream());
            long stuff = allocated(() -> {
                for (int i = 0; i < n; i++) {
                    try {
                        rendered.writeTo(wire.begin());
                        wire.end();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            long send = allocated(() -> {
                for (int i = 0; i < rounds; i++) {
                    batch(defaults);
                }
            });
            long sendNoReconnect = allocated(() -> {
                for (int i = 0; i < rounds; i++) {
                    batch(noReconnect);
                }
            });
            System.out.printf(Locale.ROOT, "messages per stage: %d%n", n);
            System.out.printf(Locale.ROOT, "build (EmailMessage.builder ... build)          %,9d B/message%n", build / n);
            System.out.printf(Locale.ROOT, "build + prepare (render, validate)              %,9d B/message%n", prepare / n);
            System.out.printf(Locale.ROOT, "rendered size %,d octets; dot-stuffed as written %,9d B/message%n", rendered.size(), stuff / n);
            System.out.printf(Locale.ROOT, "build + sendBatch, 1 connection, defaults       %,9d B/message%n", send / n);
            System.out.printf(Locale.ROOT, "build + sendBatch, maxMessagesPerConnection 1e6 %,9d B/message%n", sendNoReconnect / n);
        }
    }

    private static SmtpTransport transport(int port, int maxMessagesPerConnection) {
        return SmtpTransport.create(SmtpConfig.builder("127.0.0.1").port(port).credentials("bench", "bench").tlsMode(TlsMode.NONE)
                .allowPlaintextAuth(true).maxConnections(1).maxMessagesPerConnection(maxMessagesPerConnection).build());
    }

    private static EmailMessage message() {
        return EmailMessage.builder().from(EmailAddress.of("Mailgate Team", "news@example.com")).to(EmailAddress.parse("ana@example.org"))
                .replyTo(EmailAddress.parse("support@example.com")).subject("Your November newsletter").header("X-Campaign", "nov-2026")
                .text(TEXT).html(HTML).build();
    }

    private static void batch(SmtpTransport transport) {
        List<EmailMessage> messages = new ArrayList<>(CHAIN);
        for (int i = 0; i < CHAIN; i++) {
            messages.add(message());
        }
        for (SendResult r : transport.sendBatch(messages)) {
            if (r instanceof SendResult.Failed f) {
                throw new IllegalStateException(f.error());
            }
        }
    }

    /** Bytes allocated by every live thread of this JVM while {@code work} runs. */
    private static long allocated(Runnable work) {
        long before = total();
        work.run();
        return total() - before;
    }

    private static long total() {
        long[] ids = THREADS.getAllThreadIds();
        long sum = 0;
        for (long a : THREADS.getThreadAllocatedBytes(ids)) {
            sum += Math.max(0, a);
        }
        return sum;
    }
}
