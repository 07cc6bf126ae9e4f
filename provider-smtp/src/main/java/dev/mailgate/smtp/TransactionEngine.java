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
    /**
     * The messages whose transaction started and has not ended: at most the one on the wire, the chained next, and in
     * a chain the one delivered whose report waits for that write.
     */
    private final Set<Prepared> started = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The first message of this session's chain, its commands sent while the session before it finished. */
    private SentAhead ahead;

    private record SentAhead(Prepared message, List<String> commands, long sentNanos) {
    }

    /**
     * How long a transaction sent ahead may wait for its chain before the session is given up instead: it sits after
     * the 354 while the full session waits for its last reply, and a server may drop a client that sends no data
     * for 5 minutes (RFC 5321 section 4.5.3.2.6); content written into a dropped session would leave the message's
     * outcome unknown, never retried. Well inside that, and far longer than a final reply normally takes.
     */
    private static final long AHEAD_WAIT_NANOS = Duration.ofSeconds(60).toNanos();

    /** A message whose final reply was positive, reported once the chain's next write is out. */
    private record Delivery(Prepared message, EnvelopeReplies.Evaluation eval, SmtpReply reply, long endNanos) {
    }

    /** A message's commands and their bytes; for a chain's lookahead made while the server works, for when it is chained. */
    private record Chained(Prepared message, List<String> commands, byte[] wire) {
    }

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
            EnvelopeReplies.Evaluation eval = begin(p, null);
            writeContent(p, null);
            SmtpReply finalReply = readFinalReply(p);
            TransactionOutcome refused = settle(p, finalReply);
            return refused != null ? refused : delivered(new Delivery(p, eval, finalReply, System.nanoTime()));
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

        /** The session that will take over when this one is full, if it is open already; else null. */
        default SmtpConnection successor() {
            return null;
        }
    }

    /**
     * Sends the commands of {@code next}, the first message of this new session's chain, while the full session
     * before it still waits for its last reply, so the 354 is back when the chain moves here: the reconnect every
     * maxMessagesPerConnection costs no round trip of its own (issue 25; RFC 2920 section 3.1 lets the commands up
     * to DATA go before any reply). Only with PIPELINING, for a message this session takes as rendered, in its pace
     * slot; false when nothing was sent. The chain begun next on this session must start with {@code next}.
     */
    boolean sendAhead(Prepared next) {
        if (ahead != null || needsReset || c.isBroken() || !mayGoAhead(next)) {
            return false;
        }
        Chained commands = chainable(next);
        try {
            c.deadline(next.deadlineNanos());
            c.writeAndFlush(commands.wire());
        } catch (IOException e) {
            c.markBroken();
            return false;
        } finally {
            c.clearDeadline();
        }
        ahead = new SentAhead(next, commands.commands(), System.nanoTime());
        return true;
    }

    /** Whether a transaction was sent ahead that no chain has taken up: then the session is nobody else's. */
    boolean hasSentAhead() {
        return ahead != null;
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
        if (ahead != null) {
            SentAhead a = ahead;
            ahead = null;
            if (a.message() != current) {
                // The full session hands its untried messages on in order: anything else is a bug, and this session's
                // replies would belong to another message.
                c.markBroken();
                throw new IllegalStateException("the chain does not begin with the message sent ahead on this session");
            }
            if (System.nanoTime() - a.sentNanos() > AHEAD_WAIT_NANOS) {
                // Waited too long after its 354: given up, and the message fails retry-safe below, untried.
                c.markBroken();
            } else {
                sent = a.commands();
                start(current);
            }
        }
        // The session `next` went ahead to while this one took its last message.
        SmtpConnection aheadOn = null;
        // The last delivery, reported after the write that follows its final reply: the receipt, the listener and the
        // caller's bookkeeping are then off the path from a reply to the next message's content (issue 25).
        Delivery reported = null;
        Chained chained = null;
        // The message whose commands or replies are on the wire: the one an I/O failure belongs to.
        Prepared inFlight = null;
        boolean full = false;
        try {
            while (current != null && !c.isBroken()) {
                if (sent == null) {
                    // What comes next waits for a round trip or a pace slot of its own: nothing to report after.
                    reported = report(reported, outcomes);
                }
                if (aheadOn != null || sent == null && !roomFor(0)) {
                    full = true;
                    break;
                }
                Prepared p = current;
                inFlight = p;
                current = null;
                EnvelopeReplies.Evaluation eval;
                try {
                    eval = begin(p, sent);
                } catch (MailException e) {
                    reported = report(reported, outcomes);
                    outcomes.accept(failure(p, e));
                    inFlight = null;
                    sent = null;
                    current = lookahead != null || c.isBroken() ? lookahead : source.next();
                    lookahead = null;
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
                if (next != null && roomFor(1) && mayGoAhead(next)) {
                    // After a successful end of data the session is back in its initial state: no RSET needed.
                    Chained commands = chained != null && chained.message() == next ? chained : chainable(next);
                    sent = commands.commands();
                    nextCommands = commands.wire();
                    start(next);
                }
                current = next;
                SmtpReply finalReply;
                try {
                    writeContent(p, nextCommands);
                    reported = report(reported, outcomes);
                    if (next != null && nextCommands == null && !roomFor(1)) {
                        SmtpConnection successor = source.successor();
                        aheadOn = successor != null && successor.transactions().sendAhead(next) ? successor : null;
                    }
                    // Prepare the message after next, and its commands, while the server takes in this one.
                    lookahead = next != null ? source.next() : null;
                    chained = pipelining && lookahead != null && bodies.fits(lookahead, c.extensions()) ? chainable(lookahead) : null;
                    finalReply = readFinalReply(p);
                } catch (MailException e) {
                    reported = report(reported, outcomes);
                    outcomes.accept(failure(p, e));
                    inFlight = null;
                    break;
                }
                inFlight = null;
                done++;
                TransactionOutcome refused = settle(p, finalReply);
                if (refused != null) {
                    outcomes.accept(refused);
                } else {
                    reported = new Delivery(p, eval, finalReply, System.nanoTime());
                }
            }
        } catch (RuntimeException | Error e) {
            // Not a message's failure (a listener's Error, a bug): what was delivered is still reported first.
            report(reported, outcomes);
            throw e;
        } catch (IOException e) {
            c.markBroken();
            reported = report(reported, outcomes);
            if (inFlight != null) {
                outcomes.accept(failure(inFlight, lost(e)));
            }
        }
        report(reported, outcomes);
        if (aheadOn != null && !full) {
            // The chain ended another way (the session broke or refused its last message) and will not hand `next`
            // on: the session it went ahead to has a transaction open that no one will finish.
            aheadOn.markBroken();
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
    private EnvelopeReplies.Evaluation begin(Prepared p, List<String> sent) throws IOException {
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
        List<SmtpReply> replies = pipelining ? EnvelopeReplies.read(c, commands.size()) : EnvelopeReplies.lockStep(c, commands, resetFirst);
        return EnvelopeReplies.evaluate(c, p, replies, resetFirst);
    }

    /**
     * What the final reply does to the session: back in its initial state (RFC 5321 section 4.1.1.4), one message
     * more on its count when delivered. Returns the outcome of a refusal, or null when delivered: the receipt,
     * the listener and the outcome of a delivery are {@link #delivered}'s.
     */
    private TransactionOutcome settle(Prepared p, SmtpReply finalReply) {
        needsReset = false;
        if (!finalReply.isPositive()) {
            EnvelopeReplies.closeIf421(c, finalReply);
            return failure(p, new ServerRejectedException("end of data", finalReply));
        }
        c.delivered();
        return null;
    }

    private TransactionOutcome delivered(Delivery d) {
        Prepared p = d.message();
        SendReceipt receipt = new SendReceipt(p.messageId(), queueIds.extract(d.reply()), d.eval().outcomes(p.recipients(), d.reply()),
                p.startedAt(), Duration.ofNanos(d.endNanos() - p.startNanos()));
        started.remove(p);
        listener.transactionEnd(c.session(), p.send(), receipt);
        return new TransactionOutcome.Delivered(p, receipt);
    }

    /** Tells {@code outcomes} of the delivery not yet reported, if any; returns null, what is then left to report. */
    private Delivery report(Delivery d, Consumer<TransactionOutcome> outcomes) {
        if (d != null) {
            outcomes.accept(delivered(d));
        }
        return null;
    }

    /**
     * Whether the commands of {@code p} may go out now, before the replies to what is on the wire (RFC 2920 section
     * 3.1): the session pipelines, p's pace slot has come, and the session takes p as rendered.
     */
    private boolean mayGoAhead(Prepared p) {
        return c.extensions().has("PIPELINING") && p.permit().due() && bodies.fits(p, c.extensions());
    }

    /** The commands of {@code p} on a session in its initial state (no RSET), and their bytes. */
    private Chained chainable(Prepared p) {
        List<String> commands = TransactionCommands.of(p, false, c.extensions(), config);
        return new Chained(p, commands, TransactionCommands.join(commands));
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

}
