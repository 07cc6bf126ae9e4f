package dev.mailgate.testing.smtp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

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

    private final Builder config;
    private final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<List<String>> turns = new CopyOnWriteArrayList<>();
    private final List<String> serverNames = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger queueIds = new AtomicInteger();
    private final List<Script> scripts;
    private ServerSocket listener;
    private volatile boolean closed;

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
                Thread t = new Thread(() -> serve(s), "test-smtp-session-" + connections.get());
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (Session session = new Session(socket)) {
            session.run();
        } catch (IOException | RuntimeException e) {
            // The client went away or a scripted fault closed the connection: nothing to report.
        } finally {
            open.remove(socket);
        }
    }

    private ServerAction scripted(String command) {
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

    /** One SMTP session. */
    private final class Session implements AutoCloseable {
        private Socket socket;
        private ClientLines in;
        private OutputStream out;
        private boolean tls;
        private String user;
        private String mailFrom;
        private String mailParams;
        private final List<String> rcpts = new ArrayList<>();
        private final List<String> rcptParams = new ArrayList<>();

        Session(Socket socket) throws IOException {
            this.socket = socket;
            if (config.implicitTls != null) {
                upgrade();
            }
            streams();
        }

        private void streams() throws IOException {
            in = new ClientLines(socket.getInputStream());
            out = socket.getOutputStream();
        }

        private void upgrade() throws IOException {
            SSLContext ctx = config.implicitTls != null ? config.implicitTls : config.startTls;
            SSLSocket ssl = ServerTls.accept(socket, ctx, serverNames::add);
            socket = ssl;
            open.add(ssl);
            tls = true;
        }

        void run() throws IOException {
            if (!perform(CONNECT)) {
                reply("220 localhost Mailgate test SMTP service ready");
            }
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                arrived(line);
                String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
                if (perform(line)) {
                    continue;
                }
                switch (verb) {
                    case "EHLO" -> ehlo();
                    case "HELO" -> reply("250 localhost");
                    case "STARTTLS" -> startTls();
                    case "AUTH" -> auth(line);
                    case "MAIL" -> mail(line);
                    case "RCPT" -> rcpt(line);
                    case "DATA" -> data();
                    case "RSET" -> {
                        reset();
                        reply("250 2.0.0 Ok");
                    }
                    case "NOOP" -> reply("250 2.0.0 Ok");
                    case "QUIT" -> {
                        reply("221 2.0.0 Bye");
                        return;
                    }
                    default -> reply("502 5.5.2 Command not recognized");
                }
            }
        }

        /** Runs a scripted action for this command; true when it replaced the normal handling. */
        private boolean perform(String command) throws IOException {
            ServerAction action = scripted(command);
            if (action == null) {
                return false;
            }
            if (action instanceof ServerAction.Reply r) {
                for (int i = 0; i < r.lines().size(); i++) {
                    String l = r.lines().get(i);
                    boolean last = i == r.lines().size() - 1;
                    reply(last || l.length() < 4 ? l : l.substring(0, 3) + "-" + l.substring(4));
                }
                return true;
            }
            if (action instanceof ServerAction.Raw raw) {
                out.write(raw.text().getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (command.regionMatches(true, 0, "STARTTLS", 0, 8) && raw.text().startsWith("220")) {
                    upgrade();
                    streams();
                }
                return true;
            }
            if (action instanceof ServerAction.StopReading stop) {
                for (String l : stop.lines()) {
                    reply(l);
                }
                pause(stop.duration());
            } else if (action instanceof ServerAction.Drip drip) {
                out.write(drip.prefix());
                out.flush();
                for (byte b : drip.dripped()) {
                    pause(drip.interval());
                    out.write(b);
                    out.flush();
                }
            } else if (action instanceof ServerAction.Stall s) {
                pause(s.duration());
            }
            throw new IOException("scripted disconnect");
        }

        /** Sleeps, and ends early when the server is closed (a stalled session must not outlive its test). */
        private void pause(Duration d) {
            long end = System.nanoTime() + d.toNanos();
            try {
                while (!closed && System.nanoTime() < end) {
                    Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void ehlo() throws IOException {
            List<String> ext = new ArrayList<>();
            ext.add("localhost greets you");
            if (config.extensions != null) {
                ext.addAll(config.extensions);
            } else {
                if (config.pipelining) {
                    ext.add("PIPELINING");
                }
                ext.add("SIZE " + config.maxSize);
                ext.add("8BITMIME");
                ext.add("ENHANCEDSTATUSCODES");
                if (config.smtpUtf8) {
                    ext.add("SMTPUTF8");
                }
                if (config.dsn) {
                    ext.add("DSN");
                }
                if (config.startTls != null && !tls) {
                    ext.add("STARTTLS");
                }
                if (config.username != null && (tls || !config.authRequiresTls)) {
                    ext.add("AUTH PLAIN LOGIN XOAUTH2");
                }
            }
            for (int i = 0; i < ext.size(); i++) {
                reply("250" + (i < ext.size() - 1 ? "-" : " ") + ext.get(i));
            }
        }

        private void startTls() throws IOException {
            if (config.startTls == null || tls) {
                reply("454 4.7.0 TLS not available");
                return;
            }
            reply("220 2.0.0 Ready to start TLS");
            // Anything the client sent after STARTTLS in plaintext is dropped, never executed (CVE-2011-0411).
            upgrade();
            streams();
            reset();
            user = null;
        }

        private void auth(String line) throws IOException {
            String[] parts = line.split(" ");
            String mechanism = parts.length > 1 ? parts[1].toUpperCase(Locale.ROOT) : "";
            String user;
            String secret;
            if (mechanism.equals("PLAIN")) {
                String payload = parts.length > 2 ? parts[2] : challenge("");
                String[] fields = decode(payload).split("\u0000", -1);
                user = fields.length == 3 ? fields[1] : "";
                secret = fields.length == 3 ? fields[2] : "";
            } else if (mechanism.equals("LOGIN")) {
                user = decode(parts.length > 2 ? parts[2] : challenge("VXNlcm5hbWU6"));
                secret = decode(challenge("UGFzc3dvcmQ6"));
            } else if (mechanism.equals("XOAUTH2")) {
                String payload = decode(parts.length > 2 ? parts[2] : challenge(""));
                user = payload.replaceFirst("^user=([^\u0001]*)\u0001.*$", "$1");
                secret = payload.replaceFirst("^.*auth=Bearer ([^\u0001]*)\u0001.*$", "$1");
            } else {
                reply("504 5.5.4 Unrecognized authentication type");
                return;
            }
            if (config.username != null && config.username.equals(user) && config.password.equals(secret)) {
                this.user = user;
                reply("235 2.7.0 Authentication successful");
            } else {
                reply("535 5.7.8 Authentication credentials invalid");
            }
        }

        private String challenge(String text) throws IOException {
            reply("334 " + text);
            String response = in.readLine();
            commands.add(response == null ? "" : response);
            arrived(response == null ? "" : response);
            return response == null ? "" : response;
        }

        private String decode(String b64) {
            try {
                return new String(Base64.getDecoder().decode(b64.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "";
            }
        }

        private void mail(String line) throws IOException {
            if (config.username != null && user == null) {
                reply("530 5.7.0 Authentication required");
                return;
            }
            if (!line.regionMatches(true, 0, "MAIL FROM:<", 0, 11) || line.indexOf('>') < 0) {
                reply("501 5.5.4 Syntax: MAIL FROM:<address>");
                return;
            }
            reset();
            mailFrom = line.substring(11, line.indexOf('>'));
            mailParams = line.substring(line.indexOf('>') + 1).strip();
            reply("250 2.1.0 Ok");
        }

        private void rcpt(String line) throws IOException {
            if (mailFrom == null) {
                reply("503 5.5.1 Error: need MAIL command");
                return;
            }
            if (!line.regionMatches(true, 0, "RCPT TO:<", 0, 9) || line.indexOf('>') < 0) {
                reply("501 5.5.4 Syntax: RCPT TO:<address>");
                return;
            }
            rcpts.add(line.substring(9, line.indexOf('>')));
            rcptParams.add(line.substring(line.indexOf('>') + 1).strip());
            reply("250 2.1.5 Ok");
        }

        private void data() throws IOException {
            if (mailFrom == null || rcpts.isEmpty()) {
                reply("554 5.5.1 Error: no valid recipients");
                return;
            }
            reply("354 End data with <CR><LF>.<CR><LF>");
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            byte[] line;
            if (config.dataTimeout != null) {
                socket.setSoTimeout((int) config.dataTimeout.toMillis());
            }
            try {
                line = in.readContent(wire, content);
            } catch (java.net.SocketTimeoutException e) {
                // Postfix: "421 4.4.2 Error: timeout exceeded", then it closes.
                reply("421 4.4.2 localhost Error: timeout exceeded");
                throw e;
            }
            socket.setSoTimeout(0);
            if (line == null) {
                return;
            }
            arrived(CONTENT);
            // RFC 5321 section 4.1.1.4: the CRLF before the dot ends the last line of the data, so it stays.
            byte[] body = content.toByteArray();
            ReceivedMessage message = new ReceivedMessage(mailFrom, mailParams, rcpts, rcptParams, body, wire.toByteArray(), tls, user);
            if (perform(DATA_END)) {
                // a scripted acceptance ("250 Thanks! Queued as: ...") still stores the message
                if (lastReply != null && lastReply.startsWith("2")) {
                    messages.add(message);
                }
                reset();
                return;
            }
            messages.add(message);
            reset();
            reply("250 2.0.0 Ok: queued as Q" + queueIds.incrementAndGet());
        }

        private String lastReply;
        private final List<String> turn = new ArrayList<>();

        /** Adds what was just read to the current turn, which ends when the client sent nothing more before our reply. */
        private void arrived(String unit) throws IOException {
            turn.add(unit);
            if (!in.hasMore()) {
                endTurn();
            }
        }

        private void endTurn() {
            if (!turn.isEmpty()) {
                turns.add(List.copyOf(turn));
                turn.clear();
            }
        }

        private void reset() {
            mailFrom = null;
            mailParams = null;
            rcpts.clear();
            rcptParams.clear();
        }

        private void reply(String line) throws IOException {
            lastReply = line;
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            endTurn();
            open.remove(socket); // the TLS socket, after an upgrade
            socket.close();
        }
    }

    /** Settings and script of a {@link TestSmtpServer}. */
    public static final class Builder {
        private SSLContext startTls;
        private SSLContext implicitTls;
        private boolean pipelining = true;
        private boolean smtpUtf8 = true;
        private boolean dsn = true;
        private long maxSize = 35 * 1024 * 1024;
        private String username;
        private String password;
        private boolean authRequiresTls = true;
        private List<String> extensions;
        private Duration dataTimeout;
        private final List<Script> scripts = new ArrayList<>();

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
