package dev.mailgate.testing.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A scriptable SMTP server on a random loopback port, for tests of SMTP clients (ours and our users'):
 *
 * <pre>{@code
 * try (TestSmtpServer server = TestSmtpServer.builder()
 *         .startTls(TestCertificates.localhostServer())
 *         .auth("user", "secret")
 *         .on("RCPT TO:<gone@", ServerAction.reply("550 5.1.1 user unknown"))
 *         .build().start()) {
 *     ... send to localhost:server.port() ...
 *     server.awaitMessages(1, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * Scripted actions match a command by prefix (case-insensitive); the pseudo-commands {@code <CONNECT>} (before the
 * greeting) and {@code <DATA-END>} (after the final dot) script those moments. Quiet: it logs nothing.
 */
public final class TestSmtpServer implements AutoCloseable {
    public static final String CONNECT = "<CONNECT>";
    public static final String DATA_END = "<DATA-END>";
    /** Stands for a message's content (up to and including the final dot) in {@link #turns()}. */
    public static final String CONTENT = "<CONTENT>";

    final Builder config;
    final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
    final List<String> commands = new CopyOnWriteArrayList<>();
    /** Per connection, in order of acceptance: its command lines. */
    private final List<List<String>> commandsByConnection = new CopyOnWriteArrayList<>();
    final List<List<String>> turns = new CopyOnWriteArrayList<>();
    final List<String> serverNames = new CopyOnWriteArrayList<>();
    final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger queueIds = new AtomicInteger();
    private final List<Script> scripts;
    private ServerSocket listener;
    volatile boolean closed;

    private TestSmtpServer(Builder b) {
        this.config = b;
        this.scripts = new CopyOnWriteArrayList<>(b.scripts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds a random port on 127.0.0.1 and starts accepting. */
    public TestSmtpServer start() throws IOException {
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::acceptLoop, "test-smtp-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return this;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Every accepted message, in order of acceptance. */
    public List<ReceivedMessage> messages() {
        return List.copyOf(messages);
    }

    /** Every command line received, in order, across connections (AUTH payloads included). */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /**
     * The command lines of each connection, connections in order of acceptance: what one session carried, also
     * when sessions overlap (a client opening the next while the last one finishes).
     */
    public List<List<String>> commandsByConnection() {
        return commandsByConnection.stream().map(List::copyOf).toList();
    }

    /**
     * The commands grouped by how they arrived: each turn is what the client sent before it waited for a reply
     * (the server found no more input buffered after reading it). A pipelined MAIL, RCPT, DATA is one turn; so is
     * a message's content ({@value #CONTENT}) with the next message's pipelined commands; lock-step gives one turn
     * per command. Across connections, in order of completion.
     */
    public List<List<String>> turns() {
        return List.copyOf(turns);
    }

    /** The SNI host name (RFC 6066 section 3) the client sent in each TLS handshake, "" when it sent none. */
    public List<String> serverNames() {
        return List.copyOf(serverNames);
    }

    /** How many connections were accepted. */
    public int connectionCount() {
        return connections.get();
    }

    /** Waits until at least {@code n} messages were accepted. */
    public List<ReceivedMessage> awaitMessages(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " messages within " + timeout + ", got " + messages.size());
            }
            Thread.sleep(5);
        }
        return messages();
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = listener.accept();
                connections.incrementAndGet();
                open.add(s);
                List<String> mine = new CopyOnWriteArrayList<>();
                commandsByConnection.add(mine);
                Thread t = new Thread(() -> serve(s, mine), "test-smtp-session-" + connections.get());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, List<String> commands) {
        try (SmtpSession session = new SmtpSession(this, socket, commands)) {
            session.run();
        } catch (IOException | RuntimeException e) {
            // The client went away or a scripted fault closed the connection: nothing to report.
        } finally {
            open.remove(socket);
        }
    }

    ServerAction scripted(String command) {
        for (Script s : scripts) {
            if (s.matches(command)) {
                return s.action();
            }
        }
        return null;
    }

    /** Connections open right now (for leak checks: zero after the client closed its pool). */
    public int openConnections() {
        return open.size();
    }

    /** Settings and script of a {@link TestSmtpServer}. */
    public static final class Builder {
        SSLContext startTls;
        SSLContext implicitTls;
        boolean pipelining = true;
        boolean smtpUtf8 = true;
        boolean dsn = true;
        long maxSize = 35 * 1024 * 1024;
        String username;
        String password;
        boolean authRequiresTls = true;
        List<String> extensions;
        Duration dataTimeout;
        final List<Script> scripts = new ArrayList<>();

        private Builder() {
        }

        /** Offers STARTTLS with this server-side context (see {@link TestCertificates}). */
        public Builder startTls(SSLContext context) {
            this.startTls = context;
            return this;
        }

        /** Speaks TLS from the first byte (SMTPS, port 465 style). */
        public Builder implicitTls(SSLContext context) {
            this.implicitTls = context;
            return this;
        }

        public Builder pipelining(boolean offered) {
            this.pipelining = offered;
            return this;
        }

        public Builder smtpUtf8(boolean offered) {
            this.smtpUtf8 = offered;
            return this;
        }

        public Builder dsn(boolean offered) {
            this.dsn = offered;
            return this;
        }

        /** The SIZE the server advertises. */
        public Builder maxSize(long octets) {
            this.maxSize = octets;
            return this;
        }

        /** Requires AUTH with these credentials before MAIL; AUTH is offered only after TLS unless allowed. */
        public Builder auth(String username, String password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** Offers AUTH on a plaintext session too (for tests of clients that must refuse it). */
        public Builder authWithoutTls() {
            this.authRequiresTls = false;
            return this;
        }

        /** Advertises exactly these EHLO extension lines, whatever the server really supports ("a lying server"). */
        public Builder extensions(String... lines) {
            this.extensions = List.of(lines);
            return this;
        }

        /**
         * After its 354 the server waits at most this long for each read of the content, then answers "421 4.4.2
         * timeout exceeded" and closes, as Postfix does after its smtpd_timeout (default: it waits forever).
         */
        public Builder dataTimeout(Duration timeout) {
            this.dataTimeout = timeout;
            return this;
        }

        /** Every command starting with {@code prefix} (case-insensitive) gets {@code action}. */
        public Builder on(String prefix, ServerAction action) {
            return on(prefix, action, Integer.MAX_VALUE);
        }

        /** The next {@code times} commands starting with {@code prefix} get {@code action}. */
        public Builder on(String prefix, ServerAction action, int times) {
            scripts.add(new Script(prefix, action, new AtomicInteger(times), 1, null));
            return this;
        }

        /**
         * Commands starting with {@code prefix} get {@code action} with this probability, from a seeded random
         * sequence: a flaky peer for soak tests.
         */
        public Builder onRandomly(String prefix, ServerAction action, double probability, long seed) {
            scripts.add(new Script(prefix, action, new AtomicInteger(Integer.MAX_VALUE), probability, new java.util.Random(seed)));
            return this;
        }

        public TestSmtpServer build() {
            if (startTls != null && implicitTls != null) {
                throw new IllegalStateException("choose STARTTLS or implicit TLS, not both");
            }
            return new TestSmtpServer(this);
        }
    }
}
