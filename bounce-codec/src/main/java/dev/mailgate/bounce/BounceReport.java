package dev.mailgate.bounce;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything read from one bounce, complaint or auto-reply mail. Never thrown away: a message that could not be
 * read is a report with format {@link ReportFormat#NOT_RECOGNIZED}, a {@link #problem()} and its raw bytes.
 *
 * @param subject the report's own Subject (encoded words decoded)
 * @param messageId the report's own Message-ID, for de-duplication, without angle brackets
 * @param feedbackType for a complaint, the ARF Feedback-Type
 * @param problem why nothing (or less than expected) could be read
 */
public record BounceReport(ReportFormat format, List<BounceRecipient> recipients, OriginalMessage original, String subject,
        Optional<String> messageId, Optional<String> feedbackType, Optional<String> problem, byte[] raw) {

    /** The provider id of events decoded from bounce mail. */
    public static final String PROVIDER = "bounce-mail";

    public BounceReport {
        Objects.requireNonNull(format, "format");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(feedbackType, "feedbackType");
        Objects.requireNonNull(problem, "problem");
        raw = raw.clone();
    }

    /** The message exactly as it was given to the parser. */
    @Override
    public byte[] raw() {
        return raw.clone();
    }

    /** Whether this is a delivery failure report (not a complaint, an auto-reply or an unrecognized message). */
    public boolean isBounce() {
        return recipients.stream().anyMatch(BounceRecipient::isFailure);
    }

    /**
     * What the report is as a whole, for showing one that names nobody: a feedback report is still a complaint and
     * an auto-reply still an auto-reply (ARF reports often redact the recipient); anything else is unknown.
     */
    public Verdict verdictWithoutRecipient() {
        return switch (format) {
            case FEEDBACK_REPORT -> Verdict.COMPLAINT;
            case AUTO_REPLY -> Verdict.AUTO_REPLY;
            default -> Verdict.UNKNOWN;
        };
    }

    /**
     * The report as core events, one per recipient: {@code HARD}/{@code SOFT} failures become
     * {@link MailEvent.Bounced} (or {@link MailEvent.Deferred} while the MTA is still trying, see
     * {@link BounceRecipient#isStillTrying()}), complaints
     * {@link MailEvent.Complained}, auto-replies {@link MailEvent.AutoReplied}, success notices
     * {@link MailEvent.Delivered}. A failure whose reason could not be determined is a {@link MailEvent.Bounced} of
     * class {@code UNDETERMINED}, which counts as soft, exactly as the same evidence from a webhook does (issue 17;
     * it used to be an ignored {@link MailEvent.Unknown}). A report that names no recipient is one
     * {@link MailEvent.Unknown} of kind {@code bounce-unrecognized}. Details carry the
     * original Message-ID, the envelope id and the report's headers as raw payload.
     */
    public List<MailEvent> toEvents(Instant receivedAt) {
        String headers = headerBlock();
        List<MailEvent> events = new ArrayList<>();
        for (BounceRecipient r : recipients) {
            EventDetails details = details(receivedAt, headers, Optional.of(r));
            Diagnostic diagnostic = new Diagnostic(r.status(), r.replyCode(), r.diagnostic(), r.remoteMta(), r.stage());
            if (r.reason().isPresent()) {
                BounceReason reason = r.reason().get();
                BounceClass c = r.verdict().bounceClass().orElseThrow();
                // a hard verdict is final whatever the Action says; soft and undetermined ones wait for the outcome
                events.add(c != BounceClass.HARD && r.isStillTrying() ? new MailEvent.Deferred(details, reason, diagnostic)
                        : new MailEvent.Bounced(details, c, reason, diagnostic));
                continue;
            }
            events.add(switch (r.verdict()) {
                case COMPLAINT -> new MailEvent.Complained(details, feedbackType);
                case AUTO_REPLY -> new MailEvent.AutoReplied(details);
                default -> new MailEvent.Delivered(details, diagnostic);
            });
        }
        if (events.isEmpty()) {
            events.add(new MailEvent.Unknown(details(receivedAt, headers, Optional.empty()), "bounce-unrecognized"));
        }
        return List.copyOf(events);
    }

    private EventDetails details(Instant receivedAt, String headers, Optional<BounceRecipient> recipient) {
        EventDetails.Builder b = EventDetails.builder(PROVIDER, receivedAt).rawPayload(headers);
        recipient.flatMap(r -> address(r.recipient())).ifPresent(b::recipient);
        original.messageId().ifPresent(b::messageId);
        original.envelopeId().ifPresent(id -> b.metadata("envelopeId", id));
        messageId.ifPresent(id -> b.eventId(id + recipient.map(r -> "/" + r.recipient()).orElse("")));
        b.metadata("format", format.name());
        recipient.ifPresent(r -> b.metadata("reason", r.reasonId()).metadata("verdict", r.verdict().id()));
        recipient.flatMap(BounceRecipient::reportingMta).ifPresent(m -> b.metadata("reportingMta", m));
        problem.ifPresent(p -> b.metadata("problem", p));
        return b.build();
    }

    private static Optional<EmailAddress> address(String text) {
        try {
            return Optional.of(EmailAddress.parse(text));
        } catch (InvalidAddressException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The report's own header block, the raw payload of its events (bodies can be megabytes; headers say enough). */
    private String headerBlock() {
        String text = new String(raw, 0, Math.min(raw.length, 64 * 1024), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        int cut = end < 0 ? lf : lf < 0 ? end : Math.min(end, lf);
        return cut < 0 ? text : text.substring(0, cut);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BounceReport r && format == r.format && recipients.equals(r.recipients) && original.equals(r.original)
                && subject.equals(r.subject) && messageId.equals(r.messageId) && feedbackType.equals(r.feedbackType)
                && problem.equals(r.problem) && Arrays.equals(raw, r.raw);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, recipients, original, messageId) * 31 + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "BounceReport[format=" + format + ", recipients=" + recipients + ", original=" + original.messageId()
                + ", problem=" + problem + "]";
    }
}
