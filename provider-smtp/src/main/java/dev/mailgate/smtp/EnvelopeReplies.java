package dev.mailgate.smtp;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.core.transport.SmtpReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The replies to a transaction's commands up to DATA (RFC 5321 section 3.3), read pipelined (RFC 2920) or lock-step,
 * and judged for {@link TransactionEngine}: which recipients were accepted, or why the transaction cannot go on.
 */
final class EnvelopeReplies {
    private EnvelopeReplies() {
    }

    /**
     * Reads up to {@code n} pipelined replies. RFC 5321 section 3.8: after a 421 the server closes the channel, so
     * no further reply will come; the replies so far are kept, so that the 421 is reported where it was given.
     */
    static List<SmtpReply> read(SmtpConnection c, int n) throws IOException {
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
    static List<SmtpReply> lockStep(SmtpConnection c, List<String> commands, boolean resetFirst) throws IOException {
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
    static Evaluation evaluate(SmtpConnection c, Prepared p, List<SmtpReply> replies, boolean resetFirst) throws IOException {
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
            closeIf421(c, mail);
            throw new ServerRejectedException("MAIL FROM", mail);
        }
        if (closing != null) {
            // Whatever the server accepted before, it is closing: the transaction is over, to be retried whole.
            c.markBroken();
            throw new ServerRejectedException("RCPT TO:<" + closedAt.address() + ">", closing);
        }
        if (accepted.isEmpty()) {
            closeIf421(c, lastRejection);
            throw new ServerRejectedException("RCPT TO", lastRejection);
        }
        if (dataReply == null || dataReply.code() != 354) {
            SmtpReply reply = dataReply != null ? dataReply : SmtpReply.of(554, "DATA not attempted");
            closeIf421(c, reply);
            throw new ServerRejectedException("DATA", reply);
        }
        return new Evaluation(accepted, rejected);
    }

    /** Recipients accepted by RCPT, and the refusals. */
    record Evaluation(List<EmailAddress> accepted, List<RecipientOutcome> rejected) {
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

    /** RFC 5321 section 3.8: 421 means the server is closing the channel. */
    static void closeIf421(SmtpConnection c, SmtpReply reply) {
        if (reply != null && reply.code() == 421) {
            c.markBroken();
        }
    }
}
