package dev.mailgate.smtp;

import dev.mailgate.core.MailException;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.MailTimeoutException;
import dev.mailgate.core.transport.OutcomeUnknownException;
import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.core.transport.SmtpReply;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The mail transactions (RFC 5321 section 3.3) of one session that {@link SmtpConnection} has set up: MAIL, RCPT
 * and DATA pipelined when the server offers PIPELINING (RFC 2920) and lock-step otherwise, with the parameters
 * {@link TransactionCommands} derives (SIZE, BODY, SMTPUTF8, DSN), the replies judged per recipient, and the chain
 * of a batch. Every message given to it gets exactly one {@link TransactionOutcome}, and the listener's
 * {@code transactionStart} is followed by exactly one {@code transactionEnd} or {@code transactionFailed}.
 */
final class TransactionEngine {
    private final SmtpConnection c;
    private final SmtpConfig config;
    private final String where;
    private final SmtpEventListener listener;
    private final QueueIdExtractor queueIds;
    private final EightBitMime bodies;
    /** Whether the session is not in its initial state (a transaction was begun and not completed), so RSET first. */
    private boolean needsReset;
    /** The messages whose transaction started and has not ended: at most the one on the wire and the chained next. */
    private final Set<Prepared> started = Collections.newSetFromMap(new IdentityHashMap<>());

    TransactionEngine(SmtpConnection connection, TransportContext context) {
        this.c = connection;
        this.config = context.config();
        this.where = config.host + ":" + config.port;
        this.listener = context.listener();
        this.queueIds = context.queueIds();
        this.bodies = context.bodies();
    }

    /**
     * Runs one mail transaction. With PIPELINING MAIL, every RCPT and DATA go out in one write, and the content with
     * its terminator in a second one; without it, lock-step.
     */
    TransactionOutcome send(Prepared p) {
        c.touch();
        bodies.sessionOffers(c.extensions());
        try {
            Evaluation eval = begin(p, null);
            writeContent(p, null);
            return conclude(p, eval, readFinalReply(p));
        } catch (MailException e) {
            return failure(p, e);
        } catch (IOException e) {
            return failure(p, lost(e));
        } finally {
            c.clearDeadline();
        }
    }

    /** Supplies the messages of a chain one at a time, preparing each when asked; null when there are no more. */
    interface ChainSource {
        Prepared next();

        /**
         * Told, once the session nears maxMessagesPerConnection, how many more messages it can take beyond those
         * it took already: a source with more waiting than that needs another session, and can open it now.
         */
        default void roomLeft(int room) {
        }
    }

    /**
     * Runs transactions on this session for as long as {@code source} has messages. With PIPELINING, the content
     * and final dot of one message and the commands of the next go out in one write (RFC 2920 section 3.1), so
     * each message after the first costs one round trip; and the message after that is prepared while the
     * server works, so rendering overlaps the network. Every message taken from the source gets exactly one
     * outcome. When the session breaks, the messages taken but not attempted fail with a retry-safe
     * {@link ConnectionException}.
     *
     * <p>Each message's send deadline bounds its part of the session. A message whose pace slot has not come is
     * not chained: it waits for its slot after the previous final reply, when no command is outstanding.
     *
     * <p>{@code maxMessagesPerConnection} holds inside the chain too (before, it was checked only when the session
     * was claimed or released, so a chain could carry up to 163 messages on a limit of 100): the commands of the
     * message that would exceed it are not chained, and the messages taken from the source but not begun are
     * returned, untouched and without events, for the caller to send on a fresh session.
     */
    List<Prepared> sendChain(ChainSource source, Consumer<TransactionOutcome> outcomes) {
        try {
            return chain(source, outcomes);
        } finally {
            c.clearDeadline();
        }
    }

    /** Whether the session may take one more message after {@code pending} more are delivered. */
    private boolean roomFor(int pending) {
        return c.messagesSent() + pending < config.maxMessagesPerConnection;
    }

    private List<Prepared> chain(ChainSource source, Consumer<TransactionOutcome> outcomes) {
        boolean pipelining = c.extensions().has("PIPELINING");
        c.touch();
        // Before the first message is asked for: the source prepares each for this session.
        bodies.sessionOffers(c.extensions());
        long chainStart = System.nanoTime();
        // Messages of this chain that have their outcome: the chain's pace, for the replacement's lead.
        int done = 0;
        Prepared current = source.next();
        Prepared lookahead = null;
        // The commands of `current`, when they already went out with the previous message's content.
        List<String> sent = null;
        // The message whose commands or replies are on the wire: the one an I/O failure belongs to.
        Prepared inFlight = null;
        boolean full = false;
        try {
            while (current != null) {
                if (sent == null && !roomFor(0)) {
                    full = true;
                    break;
                }
                Prepared p = current;
                inFlight = p;
                current = null;
                Evaluation eval;
                try {
                    eval = begin(p, sent);
                } catch (MailException e) {
                    outcomes.accept(failure(p, e));
                    inFlight = null;
                    sent = null;
                    current = lookahead != null || c.isBroken() ? lookahead : source.next();
                    lookahead = null;
                    if (c.isBroken()) {
                        break;
                    }
                    continue;
                }
                sent = null;
                Prepared next = lookahead != null ? lookahead : source.next();
                lookahead = null;
                // p and next are taken: what the session can take after them, if it is about to run out.
                int room = config.maxMessagesPerConnection - c.messagesSent() - 1 - (next != null ? 1 : 0);
                if (room < SmtpConnection.MAX_REPLACEMENT_LEAD && room < c.replacementLead(done, chainStart)) {
                    source.roomLeft(Math.max(0, room));
                }
                byte[] nextCommands = null;
                // Not chained when `p` may be the session's last: the server would take a transaction past the limit.
                if (pipelining && next != null && roomFor(1) && next.permit().due() && bodies.fits(next, c.extensions())) {
                    // After a successful end of data the session is back in its initial state: no RSET needed.
                    sent = TransactionCommands.of(next, false, c.extensions(), config);
                    nextCommands = TransactionCommands.join(sent);
                    start(next);
                }
                current = next;
                SmtpReply finalReply;
                try {
                    writeContent(p, nextCommands);
                    // Prepare the message after next while the server takes in this one.
                    lookahead = next != null ? source.next() : null;
                    finalReply = readFinalReply(p);
                } catch (MailException e) {
                    outcomes.accept(failure(p, e));
                    inFlight = null;
                    break;
                }
                inFlight = null;
                done++;
                outcomes.accept(conclude(p, eval, finalReply));
                if (c.isBroken()) {
                    break;
                }
            }
        } catch (IOException e) {
            c.markBroken();
            if (inFlight != null) {
                outcomes.accept(failure(inFlight, lost(e)));
            }
        }
        List<Prepared> left = new ArrayList<>(2);
        for (Prepared untried : new Prepared[] {current, lookahead}) {
            if (untried == null) {
                continue;
            }
            if (full) {
                left.add(untried);
            } else {
                outcomes.accept(failure(untried, new ConnectionException("the session with " + where
                        + " ended before this message was attempted", null)));
            }
        }
        return left;
    }

    /**
     * Sends the commands of {@code p} up to DATA (unless {@code sent}: they already went out chained) and judges
     * the replies. The message goes in the form this session can take ({@link EightBitMime#fit}). Throws, before
     * anything is written, when the server cannot take the message (SIZE, SMTPUTF8, 8BITMIME); and when the replies
     * end the transaction.
     */
    private Evaluation begin(Prepared p, List<String> sent) throws IOException {
        c.deadline(p.deadlineNanos());
        bodies.fit(p, c.extensions());
        TransactionCommands.checkSupport(p, c.extensions(), where);
        boolean pipelining = c.extensions().has("PIPELINING");
        boolean resetFirst = sent == null && needsReset;
        List<String> commands = sent;
        if (commands == null) {
            commands = TransactionCommands.of(p, resetFirst, c.extensions(), config);
            // Nothing is outstanding here: the one place a pace wait cannot run out a server timer.
            p.permit().awaitSlot();
            start(p);
            if (pipelining) {
                c.writeAndFlush(TransactionCommands.join(commands));
            }
        }
        needsReset = true;
        List<SmtpReply> replies = pipelining ? readReplies(commands.size()) : lockStep(commands, resetFirst);
        return evaluate(p, replies, resetFirst);
    }

    /** The outcome of a message whose final reply came: delivered on 2xx, refused otherwise. */
    private TransactionOutcome conclude(Prepared p, Evaluation eval, SmtpReply finalReply) {
        // After the reply to the final dot the session is back in its initial state (RFC 5321 section 4.1.1.4).
        needsReset = false;
        if (!finalReply.isPositive()) {
            closeIf421(finalReply);
            return failure(p, new ServerRejectedException("end of data", finalReply));
        }
        c.delivered();
        SendReceipt receipt = new SendReceipt(p.messageId(), queueIds.extract(finalReply), eval.outcomes(p.recipients(), finalReply),
                p.startedAt(), Duration.ofNanos(System.nanoTime() - p.startNanos()));
        started.remove(p);
        listener.transactionEnd(c.session(), p.send(), receipt);
        return new TransactionOutcome.Delivered(p, receipt);
    }

    private void start(Prepared p) {
        started.add(p);
        listener.transactionStart(c.session(), p.send());
    }

    private TransactionOutcome failure(Prepared p, MailException e) {
        if (started.remove(p)) {
            listener.transactionFailed(c.session(), p.send(), e);
        }
        return new TransactionOutcome.Failed(p, e);
    }

    /** The typed error of an I/O failure while commands or their replies were on the wire. */
    private MailException lost(IOException e) {
        c.markBroken();
        IOException x = c.checked(e);
        if (x instanceof SocketWatchdog.Expired expired) {
            return expired.toMailException();
        }
        if (x instanceof SocketTimeoutException) {
            return new MailTimeoutException("waiting for " + where + " to answer the transaction", config.commandTimeout, x);
        }
        return new ConnectionException("connection to " + where + " lost before the message was sent: " + x.getMessage(), x);
    }

    /**
     * Reads up to {@code n} pipelined replies. RFC 5321 section 3.8: after a 421 the server closes the channel, so
     * no further reply will come; the replies so far are kept, so that the 421 is reported where it was given.
     */
    private List<SmtpReply> readReplies(int n) throws IOException {
        List<SmtpReply> replies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SmtpReply reply = c.read();
            replies.add(reply);
            if (reply.code() == 421) {
                break;
            }
        }
        return replies;
    }

    /** Without PIPELINING: one command, one reply; stops early when going on makes no sense (or after a 421). */
    private List<SmtpReply> lockStep(List<String> commands, boolean resetFirst) throws IOException {
        List<SmtpReply> replies = new ArrayList<>(commands.size());
        int mailIndex = resetFirst ? 1 : 0;
        boolean anyRecipient = false;
        for (int i = 0; i < commands.size(); i++) {
            boolean isData = i == commands.size() - 1;
            if (isData && !anyRecipient) {
                break;
            }
            SmtpReply reply = c.command(commands.get(i));
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

    /** The replies up to DATA, judged: which recipients were accepted, or why the transaction cannot go on. */
    private Evaluation evaluate(Prepared p, List<SmtpReply> replies, boolean resetFirst) throws IOException {
        int i = 0;
        if (resetFirst) {
            SmtpReply rset = replies.get(i++);
            if (rset.code() == 421) {
                c.markBroken();
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
            c.writeAndFlush(".\r\n".getBytes(StandardCharsets.US_ASCII));
            c.read();
        }
        if (!mail.isPositive()) {
            closeIf421(mail);
            throw new ServerRejectedException("MAIL FROM", mail);
        }
        if (closing != null) {
            // Whatever the server accepted before, it is closing: the transaction is over, to be retried whole.
            c.markBroken();
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

    /**
     * Writes the content, dot-stuffed as it goes into the connection's buffer, its terminator and, if given, the next
     * transaction's commands, in one flush. A failure before the last octet of the terminator was offered to the
     * socket is retry-safe: without its final dot the server cannot have accepted the message (RFC 5321 section
     * 4.1.1.4); a failure while the content is still being written is such a failure. After that the outcome is
     * unknown: the failure can come from the flush of the last bytes, which the server may have received completely.
     */
    private void writeContent(Prepared p, byte[] nextCommands) {
        long before = c.offered();
        long wire = -1;
        try {
            wire = c.writeContent(p.content());
            if (nextCommands != null) {
                c.write(nextCommands);
            }
            c.flush();
        } catch (IOException e) {
            c.markBroken();
            IOException x = c.checked(e);
            if (wire < 0 || c.offered() - before < wire) {
                throw x instanceof SocketWatchdog.Expired expired ? expired.toMailException()
                        : new ConnectionException("connection to " + where + " lost while sending the content of <" + p.label()
                        + ">, before its final dot: " + x.getMessage(), x);
            }
            throw new OutcomeUnknownException(p.label(), x);
        }
    }

    /** The reply to the final dot, within the data timeout; any failure leaves the outcome unknown. */
    private SmtpReply readFinalReply(Prepared p) {
        try {
            c.readTimeout(config.dataTimeout);
            SmtpReply reply = c.read();
            c.readTimeout(config.commandTimeout);
            return reply;
        } catch (IOException e) {
            c.markBroken();
            throw new OutcomeUnknownException(p.label(), c.checked(e));
        }
    }

    private void closeIf421(SmtpReply reply) {
        // RFC 5321 section 3.8: 421 means the server is closing the channel.
        if (reply != null && reply.code() == 421) {
            c.markBroken();
        }
    }
}
