package dev.mailgate.bounce;

import dev.mailgate.bounce.internal.classify.Classifier;
import dev.mailgate.bounce.internal.classify.FormatHints;
import dev.mailgate.bounce.internal.mime.EncodedWordDecoder;
import dev.mailgate.bounce.internal.mime.HeaderList;
import dev.mailgate.bounce.internal.mime.MimeParser;
import dev.mailgate.bounce.internal.mime.MimePart;
import dev.mailgate.bounce.internal.read.AddressScan;
import dev.mailgate.bounce.internal.read.DsnReader;
import dev.mailgate.bounce.internal.read.FeedbackReader;
import dev.mailgate.bounce.internal.read.HumanText;
import dev.mailgate.bounce.internal.read.RecipientReading;
import dev.mailgate.bounce.internal.read.ListRefusalReader;
import dev.mailgate.bounce.internal.read.PlainTextReader;
import dev.mailgate.bounce.internal.read.Replies;
import dev.mailgate.bounce.internal.read.SesNotificationReader;
import dev.mailgate.bounce.verp.Verp;
import dev.mailgate.core.event.BounceJudgment;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.SmtpStage;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.message.Header;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads bounce mails, complaints and auto-replies into {@link BounceReport}s. Thread-safe and stateless.
 *
 * <p>Recognition, in this order: an RFC 5965 feedback report (complaint); an RFC 3464 delivery-status part; an
 * Amazon SES JSON notification; an RFC 3834 auto-reply (only when nothing marks the mail as a bounce: Google's
 * bounces carry {@code Auto-Submitted: auto-replied} too); a bounce in an MTA's own words. Nothing here throws on
 * bad input: what cannot be read becomes a {@link ReportFormat#NOT_RECOGNIZED} report with the reason and the raw
 * bytes.
 */
public final class BounceParser {
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "undeliver|delivery|failure|failed|returned mail|bounce|not delivered|could not be delivered|rejected|"
                    + "nondeliver|non-deliver|unable to deliver|mail system error|delivery status|warning: could not|"
                    + "unzustellbar|zustellung|no entregado|non recapitabile|non remis|échec|配信|エラー|送信失敗|"
                    + "error sending|problem delivering|message not sent|delayed mail|mail error|permanent error",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SYSTEM_SENDER = Pattern.compile(
            "mailer-daemon|post_?master|mail delivery (subsystem|system)|mail ?administrator|mailer_daemon|mdaemon|"
                    + "double-bounce|noreply-dsn|system administrator",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile(
            "^\\s*(auto(matic)?[ -]?(reply|response|antwort|respuesta|réponse)|out of (the )?office|vacation|abwesen|"
                    + "away from|on leave|autoreply|auto:|自動応答|不在)",
            Pattern.CASE_INSENSITIVE);

    private final Optional<Verp> verp;
    private final InputLimits limits;

    private BounceParser(Optional<Verp> verp, InputLimits limits) {
        this.verp = verp;
        this.limits = limits;
    }

    /** A parser with {@link InputLimits#defaults()}: mails up to 32 MiB, 12 levels and 500 MIME parts read. */
    public static BounceParser create() {
        return new BounceParser(Optional.empty(), InputLimits.defaults());
    }

    /**
     * A parser that also decodes the VERP envelope the bounce was sent back to, so a bounce that names no recipient
     * in its body is still attributed (and one whose VERP token is forged is not).
     */
    public BounceParser withVerp(Verp verp) {
        return new BounceParser(Optional.of(verp), limits);
    }

    /**
     * A parser with these bounds: a mail over {@link InputLimits#maxMessageBytes()} is not parsed (it becomes a
     * {@link ReportFormat#NOT_RECOGNIZED} report saying so, a bounce quotes at most one message); MIME structure
     * deeper than {@link InputLimits#maxMimeDepth()} or past {@link InputLimits#maxMimeParts()} parts is kept as
     * opaque bodies.
     */
    public BounceParser withLimits(InputLimits limits) {
        return new BounceParser(verp, Objects.requireNonNull(limits, "limits"));
    }

    /** Reads a message from a stream (which is not closed); reading stops at the size limit. */
    public BounceReport parse(InputStream in) {
        try {
            byte[] data = in.readNBytes(limits.maxMessageBytes() + 1);
            return parse(data);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the message: " + e.getMessage(), e);
        }
    }

    public BounceReport parse(byte[] raw) {
        if (raw.length > limits.maxMessageBytes()) {
            return unrecognized(raw, "", InputLimits.exceeded("message length", raw.length, limits.maxMessageBytes(), "maxMessageBytes") + "; not parsed");
        }
        try {
            return read(raw);
        } catch (RuntimeException | StackOverflowError e) {
            // a defect of ours or input we did not foresee: the message is kept and the reason said, never lost
            return unrecognized(raw, "", "could not be parsed: " + e);
        }
    }

    private BounceReport read(byte[] raw) {
        MimePart root = MimeParser.parse(raw, limits.maxMimeDepth(), limits.maxMimeParts());
        HeaderList headers = root.headers();
        String subject = EncodedWordDecoder.decode(headers.firstOrEmpty("Subject"));
        Optional<String> messageId = headers.first("Message-ID").map(BounceParser::bare).filter(s -> !s.isEmpty());
        String human = HumanText.of(root);
        String[] split = PlainTextReader.split(human);
        HeaderList originalHeaders = originalHeaders(root, split[1]);
        Context ctx = new Context(raw, headers, subject, messageId, originalHeaders);
        boolean gateway = FormatHints.isFilteringGateway(headers, split[0]);

        Optional<MimePart> feedback = FeedbackReader.reportPart(root);
        if (feedback.isPresent() || isReport(headers, "feedback-report") || looksLikeNonMimeFeedback(headers, split[0])) {
            FeedbackReader.Result r = FeedbackReader.read(feedback.map(MimePart::text).orElse(split[0]), originalHeaders);
            List<BounceRecipient> recipients = new ArrayList<>();
            for (RecipientReading f : r.findings()) {
                recipients.add(recipient(f, Verdict.COMPLAINT));
            }
            return ctx.report(ReportFormat.FEEDBACK_REPORT, recipients, Optional.empty(), r.feedbackType(),
                    recipients.isEmpty() ? Optional.of("feedback report names no recipient") : Optional.empty());
        }

        Optional<MimePart> status = DsnReader.statusPart(root);
        if (status.isPresent() || hasDsnFields(split[0])) {
            DsnReader.Result r = DsnReader.read(status.map(MimePart::text).orElse(split[0]), split[0]);
            if (!r.findings().isEmpty()) {
                return ctx.report(ReportFormat.DELIVERY_STATUS, classify(r.findings(), gateway), r.envelopeId(), Optional.empty(),
                        Optional.empty());
            }
        }

        Optional<SesNotificationReader.Result> ses = root.bodyContains("notificationType")
                ? SesNotificationReader.read(root.isMultipart() ? human : root.text()) : Optional.empty();
        if (ses.isPresent()) {
            SesNotificationReader.Result r = ses.get();
            List<BounceRecipient> recipients = switch (r.kind()) {
                case "complaint" -> r.findings().stream().map(f -> recipient(f, Verdict.COMPLAINT)).toList();
                case "delivery" -> r.findings().stream().map(f -> recipient(f, Verdict.DELIVERED)).toList();
                default -> classify(r.findings(), false);
            };
            return ctx.report(ReportFormat.PROVIDER_JSON, recipients, Optional.empty(), r.feedbackType(), Optional.empty());
        }

        boolean bounceSigns = looksLikeBounce(headers, subject, root);
        if (!bounceSigns && isAutoReply(headers, subject)) {
            String from = firstAddress(headers.firstOrEmpty("From")).orElse("");
            // an automatic answer that the mailbox is abandoned ("This inbox is no longer in use") is a disabled
            // mailbox, not a vacation: the address will not be read
            String said = Replies.collapse(split[0].length() > 2048 ? split[0].substring(0, 2048) : split[0]);
            BounceReason abandoned = BounceClassifier.reason(Optional.empty(), said);
            if (!from.isEmpty() && (abandoned == BounceReason.SUSPEND || abandoned == BounceReason.HAS_MOVED)) {
                RecipientReading f = RecipientReading.of(from, said, "");
                return ctx.report(ReportFormat.AUTO_REPLY, List.of(failure(f, BounceJudgment.of(abandoned, Optional.empty(), SmtpStage.UNKNOWN))),
                        Optional.empty(), Optional.empty(), Optional.empty());
            }
            RecipientReading f = RecipientReading.of(from, "", "");
            List<BounceRecipient> recipients = from.isEmpty() ? List.of() : List.of(recipient(f, Verdict.AUTO_REPLY));
            return ctx.report(ReportFormat.AUTO_REPLY, recipients, Optional.empty(), Optional.empty(), Optional.empty());
        }

        if (bounceSigns) {
            List<String> failed = new ArrayList<>();
            for (String value : headers.all("X-Failed-Recipients")) {
                for (String a : value.split(",")) {
                    if (!a.isBlank()) {
                        failed.add(Replies.address(a));
                    }
                }
            }
            List<RecipientReading> findings = PlainTextReader.read(split[0], excluded(headers, originalHeaders), failed);
            if (findings.isEmpty()) {
                findings = attributed(headers, originalHeaders, split[0]);
            }
            if (!findings.isEmpty()) {
                Optional<BounceReason> hint = FormatHints.reasonOf(headers, human);
                return ctx.report(ReportFormat.PLAIN_TEXT, classify(findings, hint, gateway), Optional.empty(), Optional.empty(),
                        Optional.empty());
            }
            return ctx.report(ReportFormat.PLAIN_TEXT, List.of(), Optional.empty(), Optional.empty(),
                    Optional.of("looks like a bounce but names no failed recipient"));
        }
        Optional<RecipientReading> listRefusal = ListRefusalReader.read(headers, subject, split[0]);
        if (listRefusal.isPresent()) {
            return ctx.report(ReportFormat.PLAIN_TEXT, List.of(failure(listRefusal.get(), BounceJudgment.of(BounceReason.REJECTED, Optional.empty(), SmtpStage.MAIL))),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        return ctx.report(ReportFormat.NOT_RECOGNIZED, List.of(), Optional.empty(), Optional.empty(),
                Optional.of("not a bounce, complaint or auto-reply"));
    }

    /** A bounce that names no recipient: the VERP address it came back to, else the original's only recipient. */
    private List<RecipientReading> attributed(HeaderList headers, HeaderList original, String text) {
        String diagnostic = PlainTextReader.replyIn(text);
        if (verp.isPresent()) {
            for (String header : List.of("To", "Delivered-To", "X-Original-To", "Envelope-To")) {
                for (String value : headers.all(header)) {
                    Optional<String> decoded = firstAddress(value).flatMap(a -> verp.get().decode(a)).flatMap(v -> v.recipient()).map(r -> r.address());
                    if (decoded.isPresent()) {
                        return List.of(RecipientReading.of(decoded.get(), diagnostic, Replies.collapse(text)));
                    }
                }
            }
        }
        List<String> to = new ArrayList<>();
        for (String header : List.of("To", "Cc")) {
            for (String value : original.all(header)) {
                for (AddressScan.Found f : AddressScan.all(value)) {
                    to.add(Replies.address(f.address()));
                }
            }
        }
        if (to.size() == 1) {
            return List.of(RecipientReading.of(to.get(0), diagnostic, Replies.collapse(text)));
        }
        return List.of();
    }

    private List<BounceRecipient> classify(List<RecipientReading> findings, boolean filteringGateway) {
        return classify(findings, Optional.empty(), filteringGateway);
    }

    private List<BounceRecipient> classify(List<RecipientReading> findings, Optional<BounceReason> formatHint, boolean filteringGateway) {
        List<BounceRecipient> out = new ArrayList<>(findings.size());
        for (RecipientReading found : findings) {
            // a report's own x.0.0 says only the class; the reply it quotes often has the specific code (Exim writes
            // "Status: 5.0.0" for a reply "452-4.2.2 ..." it gave up on): RFC 3463 section 2, the reply's is the cause
            RecipientReading f = found.withStatus(specific(found.status(), found.diagnostic()));
            String action = f.action().orElse("");
            if (action.equals("delivered") || action.equals("relayed") || action.equals("expanded")) {
                out.add(recipient(f, Verdict.DELIVERED));
                continue;
            }
            if (f.status().map(EnhancedStatusCode::isSuccess).orElse(false) && action.isEmpty()) {
                out.add(recipient(f, Verdict.DELIVERED));
                continue;
            }
            boolean temporary = f.status().map(EnhancedStatusCode::isTransient)
                    .orElse(f.replyCode().isPresent() && f.replyCode().getAsInt() / 100 == 4);
            // the diagnostic lower-cased once for the two tests that read it so
            String lowerDiagnostic = f.diagnostic().toLowerCase(Locale.ROOT);
            Optional<String> command = Replies.commandInLowerCase(lowerDiagnostic)
                    .or(() -> Replies.notificationCommand(f.context()))
                    .or(() -> Replies.transcriptCommand(f.context(), f.diagnostic()))
                    .or(() -> Replies.restrictionCommandInLowerCase(lowerDiagnostic));
            BounceReason reason = Classifier.reason(f.status(), f.diagnostic(), f.context(), temporary, !action.equals("delayed"),
                    command, f.remoteMta().orElse(""), f.replyCode());
            reason = FormatHints.corrected(f.recipient(), f.diagnostic(), reason);
            if (reason == BounceReason.USER_UNKNOWN && filteringGateway) {
                reason = BounceReason.FILTERED;
            }
            if (formatHint.isPresent() && reason == BounceReason.ON_HOLD) {
                reason = formatHint.get();
            }
            if (action.equals("delayed") && (reason == BounceReason.ON_HOLD || reason == BounceReason.UNDEFINED)) {
                reason = BounceReason.EXPIRED;
            }
            out.add(failure(f, BounceJudgment.of(reason, f.status(), command.map(SmtpStage::ofCommand).orElse(SmtpStage.UNKNOWN))));
        }
        return out;
    }

    private static Optional<EnhancedStatusCode> specific(Optional<EnhancedStatusCode> reported, String diagnostic) {
        if (reported.isPresent() && (reported.get().subject() != 0 || reported.get().detail() != 0)) {
            return reported;
        }
        Optional<EnhancedStatusCode> quoted = Replies.status(diagnostic).filter(q -> q.subject() != 0 || q.detail() != 0);
        return quoted.isPresent() ? quoted : reported;
    }

    /** A row that is not a failure: a complaint, an auto-reply, a delivery. */
    private static BounceRecipient recipient(RecipientReading f, Verdict verdict) {
        return new BounceRecipient(f.recipient(), verdict, Optional.empty(), f.status(), f.replyCode(), f.diagnostic(), f.action(),
                f.originalRecipient(), f.reportingMta(), f.remoteMta(), SmtpStage.UNKNOWN);
    }

    /** A failure row: its verdict is the one judgment of core ({@link BounceJudgment}), as for every other path. */
    private static BounceRecipient failure(RecipientReading f, BounceJudgment judgment) {
        return new BounceRecipient(f.recipient(), Verdict.of(judgment), Optional.of(judgment.reason()), f.status(), f.replyCode(),
                f.diagnostic(), f.action(), f.originalRecipient(), f.reportingMta(), f.remoteMta(), judgment.stage());
    }

    /** Headers of the returned original: its message/rfc822 or text/rfc822-headers part, or the copy below the text. */
    private static HeaderList originalHeaders(MimePart root, String quotedBelowText) {
        MimePart[] found = new MimePart[1];
        root.forEach(p -> {
            if (found[0] == null && p.embedded().isPresent()) {
                found[0] = p.embedded().get();
            }
        });
        if (found[0] != null && found[0].headers().size() > 0) {
            return found[0].headers();
        }
        String rest = quotedBelowText.stripLeading();
        int end = rest.indexOf("\n\n");
        return HeaderList.parse(end < 0 ? rest : rest.substring(0, end));
    }

    private static boolean isReport(HeaderList headers, String reportType) {
        String ct = headers.firstOrEmpty("Content-Type");
        return HeaderList.mediaType(ct).equals("multipart/report")
                && HeaderList.parameter(ct, "report-type").map(reportType::equalsIgnoreCase).orElse(false);
    }

    /** Older complaint formats that predate RFC 5965 but carry its fields in a plain body. */
    private static boolean looksLikeNonMimeFeedback(HeaderList headers, String text) {
        return text.contains("Feedback-Type:") && (text.contains("User-Agent:") || text.contains("Version:"))
                || COMPLAINT_SUBJECT.matcher(headers.firstOrEmpty("Subject")).lookingAt();
    }

    /** Complaint loops that predate ARF (Microsoft's JMRP, "complaint about message from <ip>"). */
    private static final Pattern COMPLAINT_SUBJECT = Pattern.compile("^\\s*(complaint about message from|abuse report|spam report|fbl report)",
            Pattern.CASE_INSENSITIVE);

    private static boolean hasDsnFields(String text) {
        return (text.contains("Final-Recipient:") || text.contains("Original-Recipient:"))
                && (text.contains("Status:") || text.contains("Action:") || text.contains("Diagnostic-Code:"));
    }

    private static boolean looksLikeBounce(HeaderList headers, String subject, MimePart root) {
        return headers.has("X-Failed-Recipients") || SYSTEM_SENDER.matcher(headers.firstOrEmpty("From")).find()
                || BOUNCE_SUBJECT.matcher(subject).find() || isReport(headers, "delivery-status")
                || headers.firstOrEmpty("Return-Path").strip().equals("<>") && !isAutoReply(headers, subject);
    }

    /** RFC 3834 section 5 (Auto-Submitted), and the de-facto headers and subjects of vacation responders. */
    private static boolean isAutoReply(HeaderList headers, String subject) {
        String auto = headers.firstOrEmpty("Auto-Submitted").strip().toLowerCase(Locale.ROOT);
        return auto.startsWith("auto-replied") || headers.has("X-Autoreply") || headers.has("X-Autorespond")
                || headers.has("X-Mail-Autoreply") || headers.firstOrEmpty("Precedence").equalsIgnoreCase("auto_reply")
                || AUTO_REPLY_SUBJECT.matcher(subject).lookingAt();
    }

    private static Set<String> excluded(HeaderList headers, HeaderList original) {
        Set<String> out = new HashSet<>();
        for (HeaderList h : List.of(headers, original)) {
            for (String name : List.of("From", "Return-Path", "Sender", "Reply-To")) {
                for (String value : h.all(name)) {
                    addAddresses(value, out);
                }
            }
        }
        for (String value : headers.all("To")) {
            addAddresses(value, out);
        }
        return out;
    }

    private static void addAddresses(String value, Set<String> out) {
        for (AddressScan.Found f : AddressScan.all(value)) {
            out.add(Replies.address(f.address()).toLowerCase(Locale.ROOT));
        }
    }

    private static Optional<String> firstAddress(String value) {
        AddressScan.Found f = AddressScan.first(value);
        return f == null ? Optional.empty() : Optional.of(Replies.address(f.address()));
    }

    private static String bare(String id) {
        String v = id.strip();
        int lt = v.indexOf('<');
        int gt = v.indexOf('>', lt + 1);
        return lt >= 0 && gt > lt ? v.substring(lt + 1, gt) : v;
    }

    private static BounceReport unrecognized(byte[] raw, String subject, String problem) {
        return new BounceReport(ReportFormat.NOT_RECOGNIZED, List.of(), OriginalMessage.NONE, subject, Optional.empty(),
                Optional.empty(), Optional.of(problem), raw);
    }

    /** What every report of one message shares. */
    private record Context(byte[] raw, HeaderList headers, String subject, Optional<String> messageId, HeaderList original) {
        BounceReport report(ReportFormat format, List<BounceRecipient> recipients, Optional<String> envelopeId,
                Optional<String> feedbackType, Optional<String> problem) {
            List<Header> quoted = new ArrayList<>(original.size());
            for (int i = 0; i < original.size(); i++) {
                quoted.add(new Header(original.name(i), original.value(i)));
            }
            Optional<String> originalId = original.first("Message-ID").map(BounceParser::bare).filter(s -> !s.isEmpty());
            return new BounceReport(format, recipients, new OriginalMessage(originalId, envelopeId, quoted), subject, messageId,
                    feedbackType, problem, raw);
        }
    }
}
