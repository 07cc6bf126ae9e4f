package dev.mailgate.smtp;

import dev.mailgate.core.MailException;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.transport.AuthenticationException;
import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.MailTimeoutException;
import dev.mailgate.core.transport.OutcomeUnknownException;
import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.core.transport.SmtpReply;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * One SMTP session (RFC 5321): connect, greeting, EHLO, STARTTLS or implicit TLS, AUTH, then transactions. Not
 * thread-safe: the pool hands it to one sender at a time, so no lock is held around I/O. Nothing blocks unbounded:
 * reads have the socket timeout, writes and the whole attempt the {@link SocketWatchdog}.
 */
final class SmtpConnection implements AutoCloseable {
    private final SmtpConfig config;
    private final String where;
    private final long createdAt = System.nanoTime();
    /** The TCP socket; {@code socket} is the TLS layer on it once there is one. */
    private Socket tcp;
    private Socket socket;
    private SocketWatchdog watchdog;
    private ReplyReader in;
    private OutputStream out;
    private Extensions extensions = Extensions.none();
    private boolean tls;
    private boolean needsReset;
    private boolean broken;
    private int messagesSent;
    private long lastUsed = System.nanoTime();

    private final TransportContext context;
    private final SmtpEventListener listener;
    private final SmtpEventListener.Session session;

    private SmtpConnection(TransportContext context) {
        this.context = context;
        this.config = context.config();
        this.listener = context.listener();
        this.session = SmtpEventListener.Session.next(context.provider(), config);
        this.where = config.host + ":" + config.port;
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
            c.listener.connectEnd(c.session, java.time.Duration.ofNanos(System.nanoTime() - start));
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
                authenticate(where);
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
            return new ConnectionException(where + ": " + e.getMessage(), new TlsFailure(e));
        }
        if (e instanceof SSLException) {
            return new ConnectionException("TLS handshake with " + where + " failed: " + e.getMessage()
                    + (config.verifyHostname ? " (the certificate must be trusted and name " + config.host + ")" : ""), new TlsFailure(e));
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
            throw new ConnectionException(where + " does not offer STARTTLS; refusing to continue unencrypted "
                    + "(TLS mode STARTTLS_REQUIRED). Use TlsMode.IMPLICIT for port 465, or TlsMode.NONE only for a trusted local relay",
                    new TlsFailure(null));
        }
        SmtpReply reply = command("STARTTLS");
        closingCheck("STARTTLS", reply);
        if (reply.code() != 220) {
            throw new ConnectionException(where + " refused STARTTLS: " + reply + "; refusing to continue unencrypted", new TlsFailure(null));
        }
        if (in.hasBufferedInput()) {
            // RFC 3207 section 4.2 / CVE-2011-0411: bytes before the handshake were injected in plaintext.
            throw new ConnectionException(where + " sent data after its STARTTLS reply and before the TLS handshake "
                    + "(possible plaintext command injection); connection dropped", new TlsFailure(null));
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

    private void authenticate(String where) throws IOException {
        if (!tls && !config.allowPlaintextAuth) {
            throw new AuthenticationException("refusing to send credentials to " + where + " without TLS", null);
        }
        Set<String> offered = extensions.authMechanisms();
        if (offered.isEmpty()) {
            throw new AuthenticationException(where + " offers no AUTH mechanism" + (tls ? "" : " on this unencrypted session"), null);
        }
        SmtpReply reply;
        if (config.oauthToken != null) {
            if (!offered.contains("XOAUTH2")) {
                throw new AuthenticationException(where + " does not offer XOAUTH2 (offers " + offered + ")", null);
            }
            listener.authStart(session, "XOAUTH2");
            String token;
            try {
                token = config.oauthToken.get();
            } catch (RuntimeException e) {
                AuthenticationException failure = new AuthenticationException("the OAuth 2.0 access token supplier failed for "
                        + config.username + ": " + e, null);
                failure.initCause(e);
                throw failure;
            }
            reply = command("AUTH XOAUTH2 " + b64("user=" + config.username + "\u0001auth=Bearer " + token + "\u0001\u0001"));
            if (reply.code() == 334) {
                // RFC 7628 section 3.2.3: the server sent an error as a challenge; an empty response ends the exchange.
                reply = command("");
            }
        } else if (offered.contains("PLAIN")) {
            listener.authStart(session, "PLAIN");
            reply = command("AUTH PLAIN " + b64("\u0000" + config.username + "\u0000" + config.password));
        } else if (offered.contains("LOGIN")) {
            listener.authStart(session, "LOGIN");
            reply = command("AUTH LOGIN");
            if (reply.code() == 334) {
                reply = command(b64(config.username));
            }
            if (reply.code() == 334) {
                reply = command(b64(config.password));
            }
        } else {
            throw new AuthenticationException(where + " offers " + offered + " but none of PLAIN, LOGIN, XOAUTH2", null);
        }
        if (reply.code() == 235) {
            listener.authEnd(session, config.oauthToken != null ? "XOAUTH2" : offered.contains("PLAIN") ? "PLAIN" : "LOGIN");
            return;
        }
        if (reply.isTransientFailure()) {
            throw new ConnectionException("temporary authentication failure at " + where + ": " + reply, null);
        }
        throw new AuthenticationException("authentication as " + config.username + " at " + where + " failed", reply);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Runs one mail transaction. With PIPELINING (RFC 2920) MAIL, every RCPT and DATA go out in one write, and
     * the content with its terminator in a second one; without it, lock-step.
     */
    TransactionOutcome send(Prepared p) {
        TransactionOutcome[] result = new TransactionOutcome[1];
        Prepared[] one = {p};
        sendChain(() -> {
            Prepared next = one[0];
            one[0] = null;
            return next;
        }, outcome -> result[0] = outcome);
        return result[0];
    }

    /** Supplies the messages of a chain one at a time, preparing each when asked; null when there are no more. */
    interface ChainSource {
        Prepared next();
    }

    /**
     * Runs transactions on this session for as long as {@code source} has messages. With PIPELINING, the content
     * and final dot of one message and the commands of the next go out in one write (RFC 2920 section 3.1), so
     * each message after the first costs one round trip; and the message after that is prepared while the
     * server works, so rendering overlaps the network. Every message taken from the source gets exactly one
     * {@link TransactionOutcome}. When the session breaks, the messages taken but not attempted fail with a
     * retry-safe {@link ConnectionException}.
     *
     * <p>Each message's send deadline bounds its part of the session. A message whose pace slot has not come is
     * not chained: it waits for its slot after the previous final reply, when no command is outstanding.
     */
    void sendChain(ChainSource source, Consumer<TransactionOutcome> outcomes) {
        try {
            chain(source, outcomes);
        } finally {
            watchdog.clearDeadline();
        }
    }

    /** The messages whose transaction started (transactionStart told) and has not yet ended. */
    private final Set<Prepared> started = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private void start(Prepared p) {
        started.add(p);
        listener.transactionStart(session, p.send());
    }

    private void failed(Prepared p, MailException e, Consumer<TransactionOutcome> outcomes) {
        if (started.remove(p)) {
            listener.transactionFailed(session, p.send(), e);
        }
        outcomes.accept(new TransactionOutcome.Failed(p, e));
    }

    private void delivered(Prepared p, List<RecipientOutcome> recipients, SmtpReply finalReply, Consumer<TransactionOutcome> outcomes) {
        SendReceipt receipt = new SendReceipt(p.messageId(), context.queueIds().extract(finalReply), recipients, p.startedAt(),
                Duration.ofNanos(System.nanoTime() - p.startNanos()));
        started.remove(p);
        listener.transactionEnd(session, p.send(), receipt);
        outcomes.accept(new TransactionOutcome.Delivered(p, receipt));
    }

    private void chain(ChainSource source, Consumer<TransactionOutcome> outcomes) {
        boolean pipelining = extensions.has("PIPELINING");
        lastUsed = System.nanoTime();
        Prepared current = source.next();
        Prepared lookahead = null;
        // The commands of `current`, when they already went out with the previous message's content.
        List<String> pending = null;
        // The message whose commands or replies are on the wire: the one an I/O failure belongs to.
        Prepared inFlight = null;
        try {
            while (current != null) {
                Prepared p = current;
                current = null;
                inFlight = p;
                watchdog.deadline(p.deadlineNanos(), config.sendDeadline);
                if (!supported(p, outcomes)) {
                    inFlight = null;
                    current = lookahead != null ? lookahead : source.next();
                    lookahead = null;
                    continue;
                }
                boolean resetFirst;
                List<String> commands;
                if (pending != null) {
                    commands = pending;
                    resetFirst = false;
                } else {
                    resetFirst = needsReset;
                    commands = TransactionCommands.of(p, resetFirst, extensions, config);
                    // Nothing is outstanding here: the one place a pace wait cannot run out a server timer.
                    p.permit().awaitSlot();
                    start(p);
                    if (pipelining) {
                        writeAndFlush(TransactionCommands.join(commands));
                    }
                }
                pending = null;
                needsReset = true;
                Evaluation eval;
                try {
                    List<SmtpReply> replies = pipelining ? readReplies(commands.size()) : lockStep(commands, resetFirst);
                    eval = evaluate(p, replies, resetFirst);
                } catch (MailException e) {
                    failed(p, e, outcomes);
                    inFlight = null;
                    if (broken) {
                        current = lookahead;
                        lookahead = null;
                        break;
                    }
                    current = lookahead != null ? lookahead : source.next();
                    lookahead = null;
                    continue;
                }
                Prepared next = lookahead != null ? lookahead : source.next();
                lookahead = null;
                byte[] nextCommands = null;
                if (pipelining && next != null && next.permit().due() && TransactionCommands.fits(next, extensions)) {
                    // After a successful end of data the session is back in its initial state: no RSET needed.
                    pending = TransactionCommands.of(next, false, extensions, config);
                    nextCommands = TransactionCommands.join(pending);
                    start(next);
                }
                try {
                    writeContent(p, nextCommands);
                } catch (MailException e) {
                    failed(p, e, outcomes);
                    inFlight = null;
                    current = next;
                    break;
                }
                // Prepare the message after next while the server takes in this one.
                Prepared afterNext = next != null ? source.next() : null;
                SmtpReply finalReply;
                try {
                    finalReply = readFinalReply(p);
                } catch (OutcomeUnknownException e) {
                    failed(p, e, outcomes);
                    inFlight = null;
                    current = next;
                    lookahead = afterNext;
                    break;
                }
                needsReset = false;
                inFlight = null;
                if (finalReply.isPositive()) {
                    messagesSent++;
                    delivered(p, eval.outcomes(p.recipients(), finalReply), finalReply, outcomes);
                } else {
                    closeIf421(finalReply);
                    failed(p, new ServerRejectedException("end of data", finalReply), outcomes);
                }
                current = next;
                lookahead = afterNext;
                if (broken) {
                    break;
                }
            }
        } catch (IOException e) {
            broken = true;
            IOException x = watchdog.checked(e);
            if (inFlight != null) {
                failed(inFlight, x instanceof SocketWatchdog.Expired expired ? expired.toMailException()
                        : x instanceof SocketTimeoutException
                        ? new MailTimeoutException("waiting for " + where + " to answer the transaction", config.commandTimeout, x)
                        : new ConnectionException("connection to " + where + " lost before the message was sent: " + x.getMessage(), x),
                        outcomes);
            }
        }
        for (Prepared untried : new Prepared[] {current, lookahead}) {
            if (untried != null) {
                failed(untried, new ConnectionException("the session with " + where + " ended before this message was attempted", null), outcomes);
            }
        }
    }

    /** Reports a message the server could not take (SIZE, SMTPUTF8, 8BITMIME) without sending anything. */
    private boolean supported(Prepared p, Consumer<TransactionOutcome> outcomes) {
        try {
            TransactionCommands.checkSupport(p, extensions, where);
            return true;
        } catch (MailException e) {
            failed(p, e, outcomes);
            return false;
        }
    }

    /**
     * Reads up to {@code n} pipelined replies. RFC 5321 section 3.8: after a 421 the server closes the channel, so
     * no further reply will come; the replies so far are kept, so that the 421 is reported where it was given.
     */
    private List<SmtpReply> readReplies(int n) throws IOException {
        List<SmtpReply> replies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SmtpReply reply = in.read();
            replies.add(reply);
            if (reply.code() == 421) {
                break;
            }
        }
        return replies;
    }

    /** The replies up to DATA, judged: which recipients were accepted, or why the transaction cannot go on. */
    private Evaluation evaluate(Prepared p, List<SmtpReply> replies, boolean resetFirst) throws IOException {
        int i = 0;
        if (resetFirst) {
            SmtpReply rset = replies.get(i++);
            if (rset.code() == 421) {
                broken = true;
                throw new ServerRejectedException("RSET", rset);
            }
        }
        SmtpReply mail = replies.get(i++);
        List<RecipientOutcome> rejected = new ArrayList<>();
        List<EmailAddress> accepted = new ArrayList<>();
        SmtpReply lastRejection = null;
        // A 421 to one RCPT (Postfix: "Service shutting down", then it closes) belongs to that recipient.
        SmtpReply closing = null;
        EmailAddress closedAt = null;
        for (EmailAddress r : p.recipients()) {
            SmtpReply rcpt = i < replies.size() ? replies.get(i) : null;
            i++;
            if (rcpt != null && rcpt.isPositive()) {
                accepted.add(r);
            } else {
                SmtpReply why = rcpt != null ? rcpt : closing != null ? closing : mail;
                rejected.add(new RecipientOutcome.Rejected(r, why));
                lastRejection = why;
                if (closing == null && rcpt != null && rcpt.code() == 421) {
                    closing = rcpt;
                    closedAt = r;
                }
            }
        }
        SmtpReply dataReply = i < replies.size() ? replies.get(i) : null;
        if (dataReply != null && dataReply.code() == 354 && (!mail.isPositive() || accepted.isEmpty())) {
            // RFC 2920 section 3.1: a server that accepted DATA anyway gets an empty message, which it must refuse.
            writeAndFlush(".\r\n".getBytes(StandardCharsets.US_ASCII));
            in.read();
        }
        if (!mail.isPositive()) {
            closeIf421(mail);
            throw new ServerRejectedException("MAIL FROM", mail);
        }
        if (closing != null) {
            // Whatever the server accepted before, it is closing: the transaction is over, to be retried whole.
            broken = true;
            throw new ServerRejectedException("RCPT TO:<" + closedAt.address() + ">", closing);
        }
        if (accepted.isEmpty()) {
            closeIf421(lastRejection);
            throw new ServerRejectedException("RCPT TO", lastRejection);
        }
        if (dataReply == null || dataReply.code() != 354) {
            SmtpReply reply = dataReply != null ? dataReply : SmtpReply.of(554, "DATA not attempted");
            closeIf421(reply);
            throw new ServerRejectedException("DATA", reply);
        }
        return new Evaluation(accepted, rejected);
    }

    /** Recipients accepted by RCPT, and the refusals. */
    private record Evaluation(List<EmailAddress> accepted, List<RecipientOutcome> rejected) {
        List<RecipientOutcome> outcomes(List<EmailAddress> recipients, SmtpReply finalReply) {
            List<RecipientOutcome> all = new ArrayList<>(recipients.size());
            for (EmailAddress r : recipients) {
                if (accepted.contains(r)) {
                    all.add(new RecipientOutcome.Accepted(r, finalReply));
                } else {
                    rejected.stream().filter(o -> o.recipient().equals(r)).findFirst().ifPresent(all::add);
                }
            }
            return all;
        }
    }

    /** Without PIPELINING: one command, one reply; stops early when going on makes no sense (or after a 421). */
    private List<SmtpReply> lockStep(List<String> commands, boolean resetFirst) throws IOException {
        List<SmtpReply> replies = new ArrayList<>(commands.size());
        int mailIndex = resetFirst ? 1 : 0;
        boolean anyRecipient = false;
        for (int i = 0; i < commands.size(); i++) {
            String c = commands.get(i);
            boolean isData = i == commands.size() - 1;
            if (isData && !anyRecipient) {
                break;
            }
            SmtpReply reply = command(c);
            replies.add(reply);
            if (reply.code() == 421 || i == mailIndex && !reply.isPositive()) {
                break;
            }
            if (i > mailIndex && !isData && reply.isPositive()) {
                anyRecipient = true;
            }
        }
        return replies;
    }

    /**
     * Writes the content and, if given, the next transaction's commands, in one flush. A failure before the last
     * octet of the content was offered to the socket is retry-safe: without its final dot the server cannot have
     * accepted the message (RFC 5321 section 4.1.1.4). After that the outcome is unknown: the failure can come from
     * the flush of the last bytes, which the server may have received completely.
     */
    private void writeContent(Prepared p, byte[] nextCommands) {
        long before = watchdog.offered();
        try {
            out.write(p.data());
            if (nextCommands != null) {
                out.write(nextCommands);
            }
            out.flush();
        } catch (IOException e) {
            broken = true;
            IOException x = watchdog.checked(e);
            if (watchdog.offered() - before < p.data().length) {
                throw x instanceof SocketWatchdog.Expired expired ? expired.toMailException()
                        : new ConnectionException("connection to " + where + " lost while sending the content of <" + p.label()
                        + ">, before its final dot: " + x.getMessage(), x);
            }
            throw new OutcomeUnknownException(p.label(), x);
        }
    }

    private SmtpReply readFinalReply(Prepared p) {
        try {
            socket.setSoTimeout((int) config.dataTimeout.toMillis());
            SmtpReply reply = in.read();
            socket.setSoTimeout((int) config.commandTimeout.toMillis());
            return reply;
        } catch (IOException e) {
            broken = true;
            throw new OutcomeUnknownException(p.label(), watchdog.checked(e));
        }
    }

    private void closeIf421(SmtpReply reply) {
        // RFC 5321 section 3.8: 421 means the server is closing the channel.
        if (reply != null && reply.code() == 421) {
            broken = true;
        }
    }

    private SmtpReply command(String line) throws IOException {
        writeAndFlush((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        return in.read();
    }

    private void writeAndFlush(byte[] bytes) throws IOException {
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

    /** Marks a connection failure of TLS (handshake, certificate, STARTTLS missing): retrying cannot help. */
    static final class TlsFailure extends Exception {
        private static final long serialVersionUID = 1L;

        TlsFailure(Throwable cause) {
            super(cause == null ? "TLS unavailable" : cause.getMessage(), cause, false, false);
        }
    }
}
