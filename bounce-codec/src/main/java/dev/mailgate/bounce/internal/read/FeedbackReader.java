package dev.mailgate.bounce.internal.read;

import dev.mailgate.bounce.internal.mime.HeaderList;
import dev.mailgate.bounce.internal.mime.MimePart;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;

/**
 * RFC 5965 Abuse Reporting Format: {@code multipart/report; report-type=feedback-report} with a
 * {@code message/feedback-report} part. The complaining recipient is {@code Original-Rcpt-To} (RFC 5965 3.2), or,
 * when the report redacts it, the To / Cc of the returned original.
 */
public final class FeedbackReader {
    /** @param feedbackType Feedback-Type ({@code abuse}, {@code fraud}, ...) */
    public record Result(List<RecipientReading> findings, Optional<String> feedbackType) {
    }

    private FeedbackReader() {
    }

    public static Optional<MimePart> reportPart(MimePart root) {
        MimePart[] found = new MimePart[1];
        root.forEach(p -> {
            if (found[0] == null && p.mediaType().equals("message/feedback-report")) {
                found[0] = p;
            }
        });
        return Optional.ofNullable(found[0]);
    }

    /**
     * @param reportFields the fields of the feedback-report part (empty for the older non-MIME reports)
     * @param original the headers of the reported message
     */
    public static Result read(String reportFields, HeaderList original) {
        HeaderList fields = HeaderList.parseFields(reportFields);
        List<String> recipients = new ArrayList<>();
        for (String rcpt : fields.all("Original-Rcpt-To")) {
            recipients.add(Replies.address(rcpt));
        }
        for (String hotmail : original.all("X-HmXmrOriginalRecipient")) {
            recipients.add(Replies.address(hotmail));
        }
        if (recipients.isEmpty()) {
            for (String header : List.of("To", "Cc")) {
                for (String value : original.all(header)) {
                    for (AddressScan.Found found : AddressScan.all(value)) {
                        String a = Replies.address(found.address());
                        if (!recipients.contains(a)) {
                            recipients.add(a);
                        }
                    }
                }
            }
        }
        Optional<String> type = fields.first("Feedback-Type").map(t -> t.strip().toLowerCase(Locale.ROOT));
        String diagnostic = Replies.collapse(type.map(t -> "Feedback-Type: " + t).orElse("")
                + fields.first("User-Agent").map(a -> " User-Agent: " + a).orElse(""));
        Optional<String> source = fields.first("Reporting-MTA").map(Replies::typed);
        List<RecipientReading> out = new ArrayList<>();
        for (String r : recipients) {
            out.add(new RecipientReading(r, Optional.empty(), OptionalInt.empty(), diagnostic, "", Optional.empty(), Optional.empty(),
                    source, fields.first("Source-IP")));
        }
        return new Result(out, type);
    }
}
