package dev.mailgate.smtp;

import dev.mailgate.core.MailException;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.transport.AuthenticationException;
import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.MailTimeoutException;
import dev.mailgate.core.transport.SmtpReply;
import dev.mailgate.core.transport.TlsException;
import dev.mailgate.smtp.internal.DotStuffingOutput;
import dev.mailgate.smtp.internal.Extensions;
import dev.mailgate.smtp.internal.ReplyReader;
import dev.mailgate.smtp.internal.TlsRecordException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * One SMTP session (RFC 5321) and its setup: connect, greeting, EHLO, STARTTLS or implicit TLS, AUTH (one
 * {@link SaslMechanism} per mechanism); its transactions are the {@link TransactionEngine}'s, which runs on the
 * I/O this class owns. Not thread-safe: the pool hands it to one sender at a time, so no lock is held around I/O.
 * Nothing blocks unbounded: reads have the socket timeout, writes and the whole attempt the {@link SocketWatchdog}.
 */
final class SmtpConnection implements AutoCloseable {
    /** Messages before the session's end at which its source hears {@link TransactionEngine.ChainSource#roomLeft}: at least. */
    private static final int MIN_REPLACEMENT_LEAD = 4;
    /** At most: a replacement opened earlier would only sit idle on the server for longer. */
    static final int MAX_REPLACEMENT_LEAD = 32;
    private final SmtpConfig config;
    private final String where;
    private final long createdAt = System.nanoTime();
    /** The TCP socket; {@code socket} is the TLS layer on it once there is one. */
    private Socket tcp;
    private Socket socket;
    private SocketWatchdog watchdog;
    private ReplyReader in;
    private OutputStream out;
    /** Dot-stuffs content on its way into {@code out}; one per stream, reused for every message. */
    private DotStuffingOutput content;
    private Extensions extensions = Extensions.none();
    private boolean tls;
    private boolean broken;
    private int messagesSent;
    /** How long {@link #open} took, connect to AUTH: what opening a replacement of this session will take too. */
    private long setupNanos;
    private long lastUsed = System.nanoTime();

    private final SmtpEventListener listener;
    private final SmtpEventListener.Session session;
    private final TransactionEngine transactions;

    private SmtpConnection(TransportContext context) {
        this.config = context.config();
        this.listener = context.listener();
        this.session = SmtpEventListener.Session.next(context.provider(), config);
        this.where = config.host + ":" + config.port;
        this.transactions = new TransactionEngine(this, context);
    }

    /**
     * Opens a ready-to-send session, telling the context's listener of each step; the whole setup ends by
     * {@code deadlineNanos} ({@link System#nanoTime()} based), or throws a typed error saying which step failed.
     */
    static SmtpConnection open(TransportContext context, long deadlineNanos) {
        SmtpConnection c = new SmtpConnection(context);
        long start = System.nanoTime();
        c.listener.connectStart(c.session);
        try {
            c.connect(deadlineNanos);
            c.setupNanos = System.nanoTime() - start;
            c.listener.connectEnd(c.session, java.time.Duration.ofNanos(c.setupNanos));
            return c;
        } catch (RuntimeException | Error e) {
            // Whatever failed, typed or not, the socket must not outlive the attempt.
            c.closeQuietly();
            if (e instanceof MailException m) {
                c.listener.connectFailed(c.session, m);
            }
            throw e;
        } finally {
            if (c.watchdog != null) {
                c.watchdog.clearDeadline();
            }
        }
    }

    private void connect(long deadlineNanos) {
        tcp = new Socket();
        socket = tcp;
        watchdog = new SocketWatchdog(tcp, config.commandTimeout, where);
        watchdog.deadline(deadlineNanos, config.sendDeadline);
        try {
            // Nagle + delayed ACK stalls every small write (STARTTLS handshakes, pipelined commands) by ~40 ms.
            tcp.setTcpNoDelay(true);
            tcp.connect(new InetSocketAddress(config.host, config.port), (int) config.connectTimeout.toMillis());
            tcp.setSoTimeout((int) config.commandTimeout.toMillis());
            listener.tcpConnected(session, (InetSocketAddress) tcp.getRemoteSocketAddress());
        } catch (IOException e) {
            IOException x = watchdog.checked(e);
            if (x instanceof SocketWatchdog.Expired expired) {
                throw expired.toMailException();
            }
            if (x instanceof SocketTimeoutException) {
                throw new MailTimeoutException("connecting to " + where, config.connectTimeout, x);
            }
            throw new ConnectionException("cannot connect to " + where + ": " + x.getMessage(), x);
        }
        try {
            if (config.tlsMode == TlsMode.IMPLICIT) {
                startTlsHandshake();
            }
            streams();
            SmtpReply greeting = in.read();
            if (greeting.code() != 220) {
                throw new ConnectionException(where + " refused the session: " + greeting, null);
            }
            listener.greeting(session, greeting);
            ehlo();
            if (config.tlsMode == TlsMode.STARTTLS_REQUIRED) {
                startTls();
            }
            if (config.username != null) {
                authenticate();
            }
        } catch (IOException e) {
            throw setupFailure(watchdog.checked(e));
        }
    }

    private MailException setupFailure(IOException e) {
        if (e instanceof SocketWatchdog.Expired expired) {
            return expired.toMailException();
        }
        if (e instanceof SocketTimeoutException) {
            return new MailTimeoutException("waiting for " + where + " during session setup", config.commandTimeout, e);
        }
        if (e instanceof TlsRecordException) {
            return new TlsException(where + ": " + e.getMessage(), e);
        }
        if (e instanceof SSLException) {
            return new TlsException("TLS handshake with " + where + " failed: " + e.getMessage()
                    + (config.verifyHostname ? " (the certificate must be trusted and name " + config.host + ")" : ""), e);
        }
        return new ConnectionException("connection to " + where + " failed during session setup: " + e.getMessage(), e);
    }

    /**
     * RFC 5321 section 3.8: 421 to any command means the server is closing the channel, typically for a moment
     * (overload, restart). That is a transient connection failure, retried on a fresh connection, and not a sign
     * about the server's extensions (an EHLO answered 421 must not be taken as "no STARTTLS").
     */
    private void closingCheck(String command, SmtpReply reply) {
        if (reply.code() == 421) {
            throw new ConnectionException(where + " is closing the connection (" + command + " answered " + reply + ")", null);
        }
    }

    private void streams() throws IOException {
        in = new ReplyReader(watchdog.input(socket.getInputStream()), config.limits);
        out = new BufferedOutputStream(watchdog.output(socket.getOutputStream()), 64 * 1024);
        content = new DotStuffingOutput(out);
    }

    private void ehlo() throws IOException {
        SmtpReply reply = command("EHLO " + config.heloName);
        closingCheck("EHLO", reply);
        if (reply.isPositive()) {
            extensions = Extensions.parse(reply);
            listener.ehlo(session, extensions.asMap(), tls);
            return;
        }
        // RFC 5321 section 3.2: a server that does not know EHLO gets HELO, and then offers no extensions.
        SmtpReply helo = command("HELO " + config.heloName);
        if (!helo.isPositive()) {
            throw new ConnectionException("the server refused EHLO (" + reply + ") and HELO (" + helo + ")", null);
        }
        extensions = Extensions.none();
        listener.ehlo(session, extensions.asMap(), tls);
    }

    private void startTls() throws IOException {
        if (!extensions.has("STARTTLS")) {
            throw new TlsException(where + " does not offer STARTTLS; refusing to continue unencrypted "
                    + "(TLS mode STARTTLS_REQUIRED). Use TlsMode.IMPLICIT for port 465, or TlsMode.NONE only for a trusted local relay",
                    null);
        }
        SmtpReply reply = command("STARTTLS");
        closingCheck("STARTTLS", reply);
        if (reply.code() != 220) {
            throw new TlsException(where + " refused STARTTLS: " + reply + "; refusing to continue unencrypted", null);
        }
        if (in.hasBufferedInput()) {
            // RFC 3207 section 4.2 / CVE-2011-0411: bytes before the handshake were injected in plaintext.
            throw new TlsException(where + " sent data after its STARTTLS reply and before the TLS handshake "
                    + "(possible plaintext command injection); connection dropped", null);
        }
        startTlsHandshake();
        streams();
        // RFC 3207 section 4.2: forget everything learned before TLS and ask again.
        extensions = Extensions.none();
        ehlo();
    }

    private void startTlsHandshake() throws IOException {
        listener.tlsHandshakeStart(session);
        SSLSocket ssl = TlsUpgrade.handshake(socket, config);
        socket = ssl;
        tls = true;
        listener.tlsHandshakeEnd(session, TlsUpgrade.handshakeOf(ssl));
    }

    /** RFC 4954: AUTH with the mechanism {@link SaslMechanism#choose} picks, never over plaintext unless allowed. */
    private void authenticate() throws IOException {
        if (!tls && !config.allowPlaintextAuth) {
            throw new AuthenticationException("refusing to send credentials to " + where + " without TLS", null);
        }
        Set<String> offered = extensions.authMechanisms();
        if (offered.isEmpty()) {
            throw new AuthenticationException(where + " offers no AUTH mechanism" + (tls ? "" : " on this unencrypted session"), null);
        }
        SaslMechanism mechanism = SaslMechanism.choose(config, offered, where);
        listener.authStart(session, mechanism.name());
        SmtpReply reply = mechanism.exchange(this::command);
        if (reply.code() == 235) {
            listener.authEnd(session, mechanism.name());
            return;
        }
        // RFC 4954 section 6: 454 is a temporary failure, retried on a fresh connection; 535 and others are final.
        if (reply.isTransientFailure()) {
            throw new ConnectionException("temporary authentication failure at " + where + ": " + reply, null);
        }
        throw new AuthenticationException("authentication as " + config.username + " at " + where + " failed", reply);
    }

    /** The transactions of this session, once it is set up. */
    TransactionOutcome send(Prepared p) {
        return transactions.send(p);
    }

    /** This session's transaction engine: where a full session's successor gets its first message sent ahead. */
    TransactionEngine transactions() {
        return transactions;
    }

    /** Runs a chain; returns the messages left for another session when this one reached its message limit. */
    java.util.List<Prepared> sendChain(TransactionEngine.ChainSource source, Consumer<TransactionOutcome> outcomes) {
        return transactions.sendChain(source, outcomes);
    }

    // The I/O the transaction engine runs on.

    SmtpReply read() throws IOException {
        return in.read();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    /**
     * Writes {@code message} dot-stuffed, with its terminator, into the output buffer (not flushed); returns the
     * octets that puts on the wire.
     */
    long writeContent(RenderedMessage message) throws IOException {
        message.writeTo(content.begin());
        return content.end();
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Octets handed to the socket so far (the watchdog's count), to tell whether the final dot went out. */
    long offered() {
        return watchdog.offered();
    }

    /** The failure as the watchdog saw it: its own expiry in place of the socket's error when it closed the socket. */
    IOException checked(IOException e) {
        return watchdog.checked(e);
    }

    void deadline(long deadlineNanos) {
        watchdog.deadline(deadlineNanos, config.sendDeadline);
    }

    void clearDeadline() {
        watchdog.clearDeadline();
    }

    void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    Extensions extensions() {
        return extensions;
    }

    void markBroken() {
        broken = true;
    }

    boolean isBroken() {
        return broken;
    }

    void touch() {
        lastUsed = System.nanoTime();
    }

    void delivered() {
        messagesSent++;
    }

    /**
     * How many messages before this session's end its replacement must start opening to be ready when it is needed:
     * the replacement's setup takes about as long as this session's did (connect, greeting, EHLO, and with STARTTLS
     * a handshake and a second EHLO, then AUTH: up to seven round trips and the handshake's CPU), and each message of
     * the chain takes one round trip. A fixed lead of four messages was too short for any setup longer than four
     * round trips: with STARTTLS at a 1 ms round trip every replacement was still opening when it was needed and the
     * sending thread waited ~18 ms for it, one session in four the same without TLS under load (issue 25).
     */
    int replacementLead(int done, long chainStartNanos) {
        if (done == 0) {
            return MIN_REPLACEMENT_LEAD;
        }
        long perMessage = Math.max(1, (System.nanoTime() - chainStartNanos) / done);
        long lead = setupNanos / perMessage + 2;
        return (int) Math.max(MIN_REPLACEMENT_LEAD, Math.min(MAX_REPLACEMENT_LEAD, lead));
    }

    /** Messages this session delivered (what maxMessagesPerConnection counts). */
    int messagesSent() {
        return messagesSent;
    }

    SmtpReply command(String line) throws IOException {
        writeAndFlush((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        return in.read();
    }

    void writeAndFlush(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    boolean isTls() {
        return tls;
    }

    SmtpEventListener.Session session() {
        return session;
    }

    /** Whether the session can carry another transaction under the pool's limits. */
    boolean reusable(int maxMessages, Duration idleTimeout, Duration maxAge) {
        long now = System.nanoTime();
        return !broken && watchdog.expiry() == null && !socket.isClosed() && messagesSent < maxMessages
                && now - lastUsed < idleTimeout.toNanos() && now - createdAt < maxAge.toNanos();
    }

    /** QUIT, waiting briefly for the 221 (RFC 5321 section 4.1.1.10), then close; never throws. */
    void quit() {
        if (!broken && socket != null && !socket.isClosed()) {
            try {
                socket.setSoTimeout(1000);
                command("QUIT");
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        closeQuietly();
    }

    void closeQuietly() {
        boolean wasBroken = broken;
        broken = true;
        if (watchdog != null) {
            watchdog.close();
        }
        try {
            if (wasBroken && tcp != null) {
                // A broken TLS session would first write a close_notify, maybe into a buffer the server no longer reads.
                tcp.close();
            }
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        quit();
    }
}
