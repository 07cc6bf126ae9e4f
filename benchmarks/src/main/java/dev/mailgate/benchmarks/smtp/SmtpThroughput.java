package dev.mailgate.benchmarks.smtp;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.smtp.TlsMode;
import dev.mailgate.testing.smtp.TestCertificates;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Messages per second through a {@link LatencySink} (in a child JVM, {@link ChildSink}) at simulated round-trip
 * times of 0, 1 and 5 ms, for Angus Mail, a bare chained-pipelining client (the ceiling, {@link BareChainedClient})
 * and Mailgate in the same run. Every client builds a new ~5 KB multipart/alternative message per send, as an
 * application does, authenticates on every connection, and runs with its defaults (Mailgate's
 * {@code maxMessagesPerConnection} of 100 included: its reconnects are part of the figure). Every scenario's count is
 * checked against what the sink accepted; a mismatch fails the run (exit code 1). The last lines print the ratios
 * issue 25 sets targets for.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.mailgate.benchmarks.smtp.SmtpThroughput [seconds [rtts
 * [scenario,...]]]}: {@code rtts} a comma-separated subset of {@code 0,1,5} (default all, with the STARTTLS and
 * 36 KB rows; {@code tls1} the STARTTLS rows at 1 ms alone, {@code large} the 36 KB rows), the scenarios names to run (default all), e.g. {@code 10 0 bare-chained-one-connection,mailgate-one-connection}
 * to profile the one-connection batch at RTT 0.
 */
public final class SmtpThroughput {
    /** {@code -Dbench.utf8=true}: German bodies in short lines, where 8BITMIME (RFC 6152) changes the encoding; the default ones are ASCII. */
    private static final boolean UTF8 = Boolean.getBoolean("bench.utf8");
    private static final String TEXT = UTF8 ? "Hallo Ana,\n\n" + "Das geschah im November – Café-Neuigkeiten, Grüße und mehr für Sie.\n".repeat(34)
            : "Hello Ana,\n\n" + "Here is what happened in November - cafe news and more. ".repeat(40) + "\n";
    private static final String HTML = UTF8 ? "<html><body><p>Hallo Ana,</p>\n" + "<p>Das geschah im November – Café-Neuigkeiten für Sie.</p>\n".repeat(44) + "</body></html>\n"
            : "<html><body><p>Hello Ana,</p>" + "<p>Here is what happened in November &mdash; caf&eacute; news.</p>".repeat(38) + "</body></html>\n";
    private static final int CHAIN = 256;

    private final double seconds;
    private final java.util.Set<String> only;
    private final Map<String, Double> results = new LinkedHashMap<>();
    private boolean mismatch;
    private long cpuBefore;
    private long turnsBefore;
    private long octetsBefore;
    /** Each thread's CPU at the last two readings (with -Dbench.threads, printed: where a scenario's CPU went). */
    private final Map<Long, long[]> perThread = new java.util.HashMap<>();

    private SmtpThroughput(double seconds, java.util.Set<String> only) {
        this.seconds = seconds;
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        java.util.Set<String> only = args.length > 2 ? java.util.Set.of(args[2].split(",")) : java.util.Set.of();
        SmtpThroughput run = new SmtpThroughput(args.length > 0 ? Double.parseDouble(args[0]) : 3, only);
        boolean all = args.length < 2 || args[1].equals("all");
        for (String rtt : all ? new String[] {"0", "1", "5"} : args[1].split(",")) {
            switch (rtt) {
                case "tls1" -> run.startTls(1);
                case "large" -> run.largeMessage();
                default -> run.scenarios(Integer.parseInt(rtt));
            }
        }
        if (all) {
            run.startTls(1);
            run.largeMessage();
        }
        run.print();
        System.exit(run.mismatch ? 1 : 0);
    }

    private void scenarios(int rttMillis) throws Exception {
        try (ChildSink sink = new ChildSink(rttMillis, false)) {
            int port = sink.port();
            measure(sink, "angus-transport-send", rttMillis, () -> angusSendNewConnection(port));
            try (Reused reused = new Reused(port, false)) {
                measure(sink, "angus-reused-connection", rttMillis, reused::send);
            }
            measureParallel(sink, "angus-8-threads-8-connections", rttMillis, 8, () -> {
                Reused r = new Reused(port, false);
                return new Client(r::send, r);
            });
            try (BareChainedClient bare = new BareChainedClient(port, TEXT, HTML, null)) {
                measure(sink, "bare-chained-one-connection", rttMillis, () -> bare.sendChain(CHAIN));
            }
            measureParallel(sink, "bare-chained-4-connections", rttMillis, 4, () -> {
                BareChainedClient c = new BareChainedClient(port, TEXT, HTML, null);
                return new Client(() -> c.sendChain(CHAIN), c);
            });
            if (only.contains("mailgate-one-connection-no-reconnect")) {
                // A diagnostic row, run only when named: what the reconnect every 100 messages costs (run first, it
                // also warms the JIT for the rows after it, as the send() row does in a full run).
                try (SmtpTransport one = SmtpTransport.create(config(port, 1, false).maxMessagesPerConnection(1_000_000).build())) {
                    measure(sink, "mailgate-one-connection-no-reconnect", rttMillis, () -> batch(one, CHAIN, TEXT));
                }
            }
            try (SmtpTransport one = mailgate(port, 1, false)) {
                measure(sink, "mailgate-one-connection-send", rttMillis, () -> {
                    one.send(mailgateMessage(TEXT));
                    return 1;
                });
                measure(sink, "mailgate-one-connection", rttMillis, () -> batch(one, CHAIN, TEXT));
            }
            // One batch carries as many messages per connection as a bare-4 chain (the default pool has 4): the same
            // work per connection as the row it is compared with. The 256-message batch (a quarter of that per
            // connection, so four times the chain starts per message) is the row after it.
            try (SmtpTransport pool = mailgate(port, 0, false)) {
                measure(sink, "mailgate-default-pool", rttMillis, () -> batch(pool, 4 * CHAIN, TEXT));
            }
            try (SmtpTransport pool = mailgate(port, 0, false)) {
                measure(sink, "mailgate-default-pool-batch-256", rttMillis, () -> batch(pool, CHAIN, TEXT));
            }
            if (only.contains("mailgate-default-pool-no-reconnect")) {
                // Diagnostic, run only when named: the default pool without its reconnect every 100 messages.
                try (SmtpTransport pool = SmtpTransport.create(config(port, 0, false).maxMessagesPerConnection(1_000_000).build())) {
                    measure(sink, "mailgate-default-pool-no-reconnect", rttMillis, () -> batch(pool, 4 * CHAIN, TEXT));
                }
            }
            // Many callers' sendAsync at once (CHAIN pending, then all joined): how far queued sends are chained.
            try (SmtpTransport one = mailgate(port, 1, false)) {
                measure(sink, "mailgate-one-connection-sendasync", rttMillis, () -> async(one, CHAIN, TEXT));
            }
            try (SmtpTransport pool = mailgate(port, 0, false)) {
                measure(sink, "mailgate-default-pool-sendasync", rttMillis, () -> async(pool, CHAIN, TEXT));
            }
        }
    }

    /** The same one-connection clients with STARTTLS (each connection's handshake included). */
    private void startTls(int rttMillis) throws Exception {
        try (ChildSink sink = new ChildSink(rttMillis, true)) {
            int port = sink.port();
            try (Reused reused = new Reused(port, true)) {
                measure(sink, "angus-reused-connection-starttls", rttMillis, reused::send);
            }
            try (BareChainedClient bare = new BareChainedClient(port, TEXT, HTML, TestCertificates.trustingClient())) {
                measure(sink, "bare-chained-one-connection-starttls", rttMillis, () -> bare.sendChain(CHAIN));
            }
            try (SmtpTransport one = mailgate(port, 1, true)) {
                measure(sink, "mailgate-one-connection-starttls", rttMillis, () -> batch(one, CHAIN, TEXT));
            }
        }
    }

    private void largeMessage() throws Exception {
        String big = TEXT.repeat(14);
        try (ChildSink sink = new ChildSink(0, false); SmtpTransport one = mailgate(sink.port(), 1, false)) {
            measure(sink, "mailgate-one-connection-5kb", 0, () -> batch(one, CHAIN, TEXT));
            measure(sink, "mailgate-one-connection-36kb", 0, () -> batch(one, CHAIN, big));
            try (BareChainedClient bare = new BareChainedClient(sink.port(), big, HTML, null)) {
                measure(sink, "bare-chained-one-connection-36kb", 0, () -> bare.sendChain(CHAIN));
            }
        }
    }

    private static int batch(SmtpTransport transport, int n, String text) {
        List<EmailMessage> messages = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            messages.add(mailgateMessage(text));
        }
        int ok = 0;
        for (SendResult r : transport.sendBatch(messages)) {
            if (r instanceof SendResult.Sent) {
                ok++;
            } else {
                throw new IllegalStateException(((SendResult.Failed) r).error());
            }
        }
        return ok;
    }

    private static int async(SmtpTransport transport, int n, String text) {
        List<java.util.concurrent.CompletableFuture<dev.mailgate.core.transport.SendReceipt>> pending = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            pending.add(transport.sendAsync(mailgateMessage(text)));
        }
        for (java.util.concurrent.CompletableFuture<dev.mailgate.core.transport.SendReceipt> f : pending) {
            f.join();
        }
        return n;
    }

    interface Step {
        int run() throws Exception;
    }

    interface Opener {
        Client open() throws Exception;
    }

    /** One connection of a parallel scenario: what sends on it and what closes it. */
    record Client(Step step, AutoCloseable connection) {
    }

    private boolean skipped(String name) {
        return !only.isEmpty() && !only.contains(name);
    }

    private void measure(ChildSink sink, String name, int rtt, Step step) throws Exception {
        if (skipped(name)) {
            return;
        }
        long warmupEnd = System.nanoTime() + (long) (seconds * 0.3e9);
        while (System.nanoTime() < warmupEnd) {
            step.run();
        }
        long before = sink.accepted();
        turnsBefore = sink.turns();
        octetsBefore = sink.octets();
        long sent = 0;
        cpuBefore = cpu();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            sent += step.run();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        record(sink, name, rtt, sent, before, elapsed);
    }

    private void measureParallel(ChildSink sink, String name, int rtt, int threads, Opener opener) throws Exception {
        if (skipped(name)) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            clients.add(opener.open());
        }
        try {
            AtomicLong sent = new AtomicLong();
            long warmupEnd = System.nanoTime() + (long) (seconds * 0.3e9);
            runAll(pool, clients, warmupEnd, new AtomicLong());
            long before = sink.accepted();
            turnsBefore = sink.turns();
            octetsBefore = sink.octets();
            cpuBefore = cpu();
            long start = System.nanoTime();
            runAll(pool, clients, start + (long) (seconds * 1e9), sent);
            record(sink, name, rtt, sent.get(), before, (System.nanoTime() - start) / 1e9);
        } finally {
            for (Client c : clients) {
                c.connection().close();
            }
            pool.shutdownNow();
        }
    }

    private static void runAll(ExecutorService pool, List<Client> clients, long end, AtomicLong sent) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (Client c : clients) {
            futures.add(pool.submit(() -> {
                while (System.nanoTime() < end) {
                    sent.addAndGet(c.step().run());
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    /**
     * CPU time of this (the client's) JVM's application threads (the JIT's and the GC's are not among them), in
     * nanoseconds: what the clients' own code costs, whatever else the machine runs.
     */
    private long cpu() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (long id : threads.getAllThreadIds()) {
            long t = threads.getThreadCpuTime(id);
            if (t >= 0) {
                long[] seen = perThread.computeIfAbsent(id, k -> new long[2]);
                seen[0] = seen[1];
                seen[1] = t;
            }
        }
        // A thread that ended keeps its last reading, so the sum never goes back (its last moments are missed).
        long sum = 0;
        for (long[] t : perThread.values()) {
            sum += t[1];
        }
        return sum;
    }

    private void record(ChildSink sink, String name, int rtt, long sent, long before, double elapsed) throws Exception {
        double cpuMicros = (cpu() - cpuBefore) / 1e3 / Math.max(1, sent);
        if (System.getProperty("bench.threads") != null) {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            perThread.forEach((id, t) -> {
                java.lang.management.ThreadInfo info = threads.getThreadInfo(id);
                if (t[1] - t[0] > 0 && info != null) {
                    System.err.printf(Locale.ROOT, "    %-28s %.1f us/message%n", info.getThreadName(), (t[1] - t[0]) / 1e3 / Math.max(1, sent));
                }
            });
        }
        Thread.sleep(50);
        long accepted = sink.accepted() - before;
        double turns = (double) (sink.turns() - turnsBefore) / Math.max(1, sent);
        long octets = (sink.octets() - octetsBefore) / Math.max(1, sent);
        if (accepted != sent) {
            System.err.printf(Locale.ROOT, "MISMATCH %s rtt=%d: client says %d sent, sink accepted %d%n", name, rtt, sent, accepted);
            mismatch = true;
        }
        results.put(name + "@" + rtt, sent / elapsed);
        System.err.printf(Locale.ROOT, "%-38s rtt=%d ms  %10.1f msg/s  (%d messages; client threads' CPU %.1f us/message; %.3f server turns/message; %d octets/message)%n",
                name, rtt, sent / elapsed, sent, cpuMicros, turns, octets);
    }

    private double ratio(String a, String b) {
        Double x = results.get(a);
        Double y = results.get(b);
        return x == null || y == null ? Double.NaN : x / y;
    }

    private double result(String key) {
        return results.getOrDefault(key, Double.NaN);
    }

    private void print() {
        System.out.println();
        System.out.println("| scenario | RTT 0 ms | RTT 1 ms | RTT 5 ms |");
        System.out.println("|---|---:|---:|---:|");
        for (String s : List.of("angus-transport-send", "angus-reused-connection", "angus-8-threads-8-connections",
                "bare-chained-one-connection", "bare-chained-4-connections", "mailgate-one-connection-send",
                "mailgate-one-connection", "mailgate-default-pool", "mailgate-default-pool-batch-256", "mailgate-one-connection-sendasync", "mailgate-default-pool-sendasync")) {
            System.out.printf(Locale.ROOT, "| %s | %.0f | %.0f | %.0f |%n", s, result(s + "@0"), result(s + "@1"), result(s + "@5"));
        }
        for (String s : List.of("angus-reused-connection-starttls", "bare-chained-one-connection-starttls", "mailgate-one-connection-starttls")) {
            System.out.printf(Locale.ROOT, "| %s | | %.0f | |%n", s, result(s + "@1"));
        }
        System.out.println();
        for (int rtt : new int[] {0, 1, 5}) {
            System.out.printf(Locale.ROOT, "RTT %d ms: mailgate one connection / angus reused connection = %.2fx; mailgate default pool / angus 8x8 = %.2fx%n", rtt,
                    ratio("mailgate-one-connection@" + rtt, "angus-reused-connection@" + rtt),
                    ratio("mailgate-default-pool@" + rtt, "angus-8-threads-8-connections@" + rtt));
        }
        for (int rtt : new int[] {0, 1, 5}) {
            System.out.printf(Locale.ROOT, "RTT %d ms: sendAsync / sendBatch, one connection = %.2f, default pool = %.2f%n", rtt,
                    ratio("mailgate-one-connection-sendasync@" + rtt, "mailgate-one-connection@" + rtt),
                    ratio("mailgate-default-pool-sendasync@" + rtt, "mailgate-default-pool@" + rtt));
        }
        System.out.printf(Locale.ROOT, "issue 25: one connection sendBatch / bare chained client: RTT 0 = %.2f (target 0.50), RTT 1 = %.2f (0.95)%n",
                ratio("mailgate-one-connection@0", "bare-chained-one-connection@0"), ratio("mailgate-one-connection@1", "bare-chained-one-connection@1"));
        System.out.printf(Locale.ROOT, "issue 25: with STARTTLS at RTT 1 = %.2f (0.90); default pool / bare 4 connections at RTT 1 = %.2f (1.00)%n",
                ratio("mailgate-one-connection-starttls@1", "bare-chained-one-connection-starttls@1"),
                ratio("mailgate-default-pool@1", "bare-chained-4-connections@1"));
        System.out.printf(Locale.ROOT, "issue 25: RTT 0 ms, 36 KB / 5 KB message rate on one connection = %.2f (0.60); bare client's 36 KB rate / its 5 KB rate = %.2f%n",
                ratio("mailgate-one-connection-36kb@0", "mailgate-one-connection-5kb@0"),
                ratio("bare-chained-one-connection-36kb@0", "bare-chained-one-connection@0"));
    }

    /** Mailgate with its defaults, except the connection count ({@code 0}: the default pool) and TLS. */
    private static SmtpTransport mailgate(int port, int connections, boolean startTls) {
        return SmtpTransport.create(config(port, connections, startTls).build());
    }

    private static SmtpConfig.Builder config(int port, int connections, boolean startTls) {
        SmtpConfig.Builder b = SmtpConfig.builder(startTls ? "localhost" : "127.0.0.1").port(port).credentials("bench", "bench");
        if (startTls) {
            b.tlsMode(TlsMode.STARTTLS_REQUIRED).sslContext(TestCertificates.trustingClient());
        } else {
            b.tlsMode(TlsMode.NONE).allowPlaintextAuth(true);
        }
        if (connections > 0) {
            b.maxConnections(connections);
        }
        // -Dbench.8bitmime=false: the 7-bit form although the sink offers 8BITMIME (RFC 6152), for the comparison.
        return b.eightBitMime(Boolean.parseBoolean(System.getProperty("bench.8bitmime", "true")));
    }

    private static EmailMessage mailgateMessage(String text) {
        return EmailMessage.builder().from(EmailAddress.of("Mailgate Team", "news@example.com")).to(EmailAddress.parse("ana@example.org"))
                .replyTo(EmailAddress.parse("support@example.com")).subject("Your November newsletter").header("X-Campaign", "nov-2026")
                .text(text).html(HTML).build();
    }

    private static Properties angusProperties(int port, boolean startTls) {
        Properties p = new Properties();
        p.setProperty("mail.smtp.host", startTls ? "localhost" : "127.0.0.1");
        p.setProperty("mail.smtp.port", String.valueOf(port));
        p.setProperty("mail.smtp.auth", "true");
        if (startTls) {
            p.setProperty("mail.smtp.starttls.enable", "true");
            p.setProperty("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.socketFactory", TestCertificates.trustingClient().getSocketFactory());
        }
        return p;
    }

    private static MimeMessage angusMessage(Session session) throws MessagingException, IOException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("news@example.com", "Mailgate Team", "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("ana@example.org"));
        m.setReplyTo(new InternetAddress[] {new InternetAddress("support@example.com")});
        m.setSubject("Your November newsletter", "UTF-8");
        m.setHeader("X-Campaign", "nov-2026");
        m.setSentDate(new Date());
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(TEXT, "UTF-8", "plain");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(HTML, "UTF-8", "html");
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }

    private static int angusSendNewConnection(int port) throws Exception {
        Session session = Session.getInstance(angusProperties(port, false));
        Transport.send(angusMessage(session), "bench", "bench");
        return 1;
    }

    /** One Angus SMTPTransport kept open, as a careful Jakarta Mail user would. */
    private static final class Reused implements AutoCloseable {
        private final Session session;
        private final Transport transport;

        Reused(int port, boolean startTls) throws MessagingException {
            session = Session.getInstance(angusProperties(port, startTls));
            transport = session.getTransport("smtp");
            transport.connect(startTls ? "localhost" : "127.0.0.1", port, "bench", "bench");
        }

        int send() throws Exception {
            MimeMessage m = angusMessage(session);
            transport.sendMessage(m, m.getAllRecipients());
            return 1;
        }

        @Override
        public void close() throws MessagingException {
            transport.close();
        }
    }
}
