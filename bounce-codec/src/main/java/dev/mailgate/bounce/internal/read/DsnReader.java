package dev.mailgate.bounce.internal.read;

import dev.mailgate.bounce.internal.mime.HeaderList;
import dev.mailgate.bounce.internal.mime.MimePart;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 3464 delivery status notifications: the {@code message/delivery-status} part (RFC 6533's
 * {@code message/global-delivery-status} too), one per-message block and one block per recipient.
 */
public final class DsnReader {
    /** What the status part said, with the envelope id of the per-message block. */
    public record Result(List<RecipientReading> findings, Optional<String> envelopeId) {
    }

    private DsnReader() {
    }

    /** The delivery-status part of a message, if it has one. */
    public static Optional<MimePart> statusPart(MimePart root) {
        MimePart[] found = new MimePart[1];
        root.forEach(p -> {
            if (found[0] == null && (p.mediaType().equals("message/delivery-status")
                    || p.mediaType().equals("message/global-delivery-status"))) {
                found[0] = p;
            }
        });
        return Optional.ofNullable(found[0]);
    }

    /**
     * Reads the fields of a status part. The block structure is not trusted: a new recipient starts at every
     * Final-Recipient (or an Original-Recipient that follows a complete recipient), since some MTAs omit the
     * blank lines.
     *
     * @param humanText the report's human-readable part, searched for a recipient's reply when the fields carry
     *     no Diagnostic-Code
     */
    public static Result read(String statusText, String humanText) {
        List<Pending> findings = new ArrayList<>();
        String envelopeId = null;
        String reportingMta = null;
        Fields current = null;
        for (String[] field : fields(statusText)) {
            String name = field[0].toLowerCase(Locale.ROOT);
            String value = field[1];
            switch (name) {
                case "reporting-mta" -> reportingMta = Replies.typed(value);
                case "original-envelope-id" -> envelopeId = value.strip();
                case "final-recipient", "x-actual-recipient" -> {
                    if (name.equals("x-actual-recipient") && current != null) {
                        break;
                    }
                    if (current != null && current.finalRecipient != null) {
                        add(findings, current, reportingMta);
                        current = null;
                    }
                    if (current == null) {
                        current = new Fields();
                    }
                    current.finalRecipient = Replies.address(value);
                }
                case "original-recipient" -> {
                    if (current != null && current.originalRecipient != null) {
                        add(findings, current, reportingMta);
                        current = null;
                    }
                    if (current == null) {
                        current = new Fields();
                    }
                    current.originalRecipient = Replies.address(value);
                }
                case "action" -> current = orNew(current).action(value.strip().toLowerCase(Locale.ROOT));
                case "status" -> (current = orNew(current)).status = value.strip();
                // an X-Unix diagnostic is a local mailer's exit status ("X-Unix; 255"): the type is the information
                case "diagnostic-code" -> (current = orNew(current)).diagnostic = value.strip().regionMatches(true, 0, "x-unix", 0, 6)
                        ? value.strip() : Replies.typed(value);
                case "remote-mta" -> (current = orNew(current)).remoteMta = Replies.typed(value);
                default -> {
                }
            }
        }
        if (current != null && (current.finalRecipient != null || current.originalRecipient != null)) {
            add(findings, current, reportingMta);
        }
        return new Result(resolve(findings, humanText), Optional.ofNullable(envelopeId));
    }

    /** A recipient's fields, with the Reporting-MTA in force where its block ended. */
    private record Pending(Fields fields, String reportingMta) {
    }

    /**
     * The findings of all recipients. The human text is searched once for every recipient (and every pipe or file
     * target) together: a search of the whole text per recipient made a DSN with many recipients cost the square
     * of its size.
     */
    private static List<RecipientReading> resolve(List<Pending> pending, String humanText) {
        List<String> targets = new ArrayList<>();
        for (Pending p : pending) {
            if (needsGeneratedBy(p.fields())) {
                targets.add(p.fields().finalRecipient);
            }
        }
        MentionIndex targetMentions = MentionIndex.of(humanText, targets, false);
        List<String> recipients = new ArrayList<>(pending.size());
        int t = 0;
        for (Pending p : pending) {
            Fields f = p.fields();
            String recipient;
            if (needsGeneratedBy(f)) {
                int at = targetMentions.first(t++);
                recipient = addressIn(f.finalRecipient).or(() -> generatedBy(humanText, at, f.finalRecipient)).orElse(f.finalRecipient);
            } else {
                recipient = isMailbox(f.finalRecipient) ? f.finalRecipient
                        : isMailbox(f.originalRecipient) ? f.originalRecipient
                        : f.originalRecipient;
            }
            recipients.add(recipient);
        }
        List<String> searched = new ArrayList<>(recipients.size());
        for (String r : recipients) {
            searched.add(r == null ? "" : r);
        }
        MentionIndex mentions = MentionIndex.of(humanText, searched, true);
        List<RecipientReading> out = new ArrayList<>(pending.size());
        // the text lower-cased once, and only for a Sendmail transcript of a few recipients: each lookup is a search
        // of the whole text, which for thousands of recipients would make the parse quadratic
        String sendmailLower = pending.size() <= 32 ? SendmailTranscript.lowerIfTranscript(humanText) : null;
        for (int i = 0; i < pending.size(); i++) {
            String recipient = recipients.get(i);
            // an empty recipient is "found" at the start, as a search for the empty string finds it
            int at = recipient == null ? -1 : recipient.isEmpty() ? 0 : mentions.first(i);
            String context = at < 0 ? "" : AddressScan.blockAt(humanText, at, recipient);
            // Sendmail lists the recipient above its session transcript, which the block above ends before (the
            // transcript names the sender): the session that failed this recipient is read with it
            if (sendmailLower != null && recipient != null && !recipient.isEmpty()) {
                context = context + SendmailTranscript.session(humanText, sendmailLower, recipient).map(s -> "\n" + s).orElse("");
            }
            out.add(finding(pending.get(i).fields(), pending.get(i).reportingMta(), recipient == null ? "" : recipient, context));
        }
        return out;
    }

    /** Neither field names a mailbox but Final-Recipient is there: a pipe or file, or an address in other words. */
    private static boolean needsGeneratedBy(Fields f) {
        return !isMailbox(f.finalRecipient) && !isMailbox(f.originalRecipient) && f.finalRecipient != null;
    }

    private static Fields orNew(Fields current) {
        return current == null ? new Fields() : current;
    }

    private static void add(List<Pending> out, Fields f, String reportingMta) {
        out.add(new Pending(f, reportingMta));
    }

    private static RecipientReading finding(Fields f, String reportingMta, String recipient, String context) {
        String quoted = Replies.unfoldReply(Replies.collapse(f.diagnostic == null ? "" : f.diagnostic));
        String read = quoted.isEmpty() ? PlainTextReader.replyIn(context) : quoted;
        // no Diagnostic-Code (Sendmail returning a message it had deferred: "Deferred: Connection reset by ..."): the
        // last reply its transcript quotes for the recipient's session is the remote's word on it
        String diagnostic = quoted.isEmpty() && Replies.replyCode(read).isEmpty()
                ? SendmailTranscript.lastReply(context).orElse(read) : read;
        Optional<EnhancedStatusCode> status = parseStatus(f.status);
        Optional<EnhancedStatusCode> inText = Replies.replyStatus(diagnostic).or(() -> Replies.status(diagnostic));
        OptionalInt reply = Replies.replyCode(diagnostic);
        // the Status field is the reporting MTA's summary; a more specific code in the remote reply is the
        // receiver's own verdict (a "5.0.0" field over a "550 5.1.1" reply). A permanent reply ("550 5.5.0") under a
        // transient field ("4.5.0") is the receiver's final word too: the reporting MTA failed the message on it.
        boolean permanentReply = reply.isPresent() && reply.getAsInt() / 100 == 5;
        if (inText.isPresent() && (status.isEmpty() || inText.get().codeClass() == status.get().codeClass()
                || permanentReply && inText.get().codeClass() == 5 && "failed".equals(f.action))) {
            status = inText;
        }
        return new RecipientReading(recipient, status, reply, diagnostic, context,
                Optional.ofNullable(f.action), Optional.ofNullable(f.originalRecipient), Optional.ofNullable(reportingMta),
                Optional.ofNullable(f.remoteMta));
    }

    /**
     * The address a file or pipe delivery was made for: Exim names the file or pipe in Final-Recipient (RFC 3464
     * section 2.3.2 allows any delivery target there) and says in its notification which address it was
     * "generated by". Suppression needs the address.
     */
    private static Optional<String> generatedBy(String humanText, int at, String target) {
        if (at < 0) {
            return Optional.empty();
        }
        // within 200 characters of the target, as before, but searched only there: the whole rest of the text
        // once per target was the square of the text's length
        int from = at + target.length();
        Matcher m = GENERATED_BY.matcher(humanText).region(from, Math.min(humanText.length(), from + 200 + GENERATED_BY_LONGEST));
        return m.find() && m.start() - from < 200 ? addressIn(m.group(1)) : Optional.empty();
    }

    /**
     * "generated by " and an address as RFC 5321 section 4.5.3.1 bounds it (64 + 1 + 255): a longer token is no
     * address, and unbounded {@code \S+} made every match attempt as long as the rest of the line.
     */
    private static final Pattern GENERATED_BY = Pattern.compile("generated by (\\S{1,64}@\\S{1,255})");
    private static final int GENERATED_BY_LONGEST = 13 + 64 + 1 + 255;

    /** A plain address, not a pipe ({@code |/usr/bin/procmail}), a file or a source route. */
    private static boolean isMailbox(String recipient) {
        return recipient != null && recipient.indexOf('@') > 0 && recipient.indexOf(' ') < 0 && !recipient.startsWith("|")
                && !recipient.startsWith("/") && !recipient.startsWith("@");
    }

    private static Optional<String> addressIn(String text) {
        AddressScan.Found f = AddressScan.first(text);
        return f == null ? Optional.empty() : Optional.of(Replies.address(f.address()));
    }

    private static Optional<EnhancedStatusCode> parseStatus(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return EnhancedStatusCode.find(value);
    }

    /** The unfolded {name, value} fields of the status text, blank lines ignored. */
    private static List<String[]> fields(String text) {
        HeaderList all = HeaderList.parseFields(text);
        List<String[]> out = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            out.add(new String[] {all.name(i), all.value(i)});
        }
        return out;
    }

    private static final class Fields {
        String finalRecipient;
        String originalRecipient;
        String action;
        String status;
        String diagnostic;
        String remoteMta;

        Fields action(String a) {
            this.action = a;
            return this;
        }
    }
}
