package dev.mailgate.postmark.rules;

import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.List;
import java.util.regex.Pattern;

/** Postmark's rules, ids {@code postmark.*}; each cites the page that states it. */
public final class PostmarkRules {
    public static final String MAX_SIZE = "postmark.max-size";
    public static final String MAX_RECIPIENTS = "postmark.max-recipients";
    public static final String MESSAGE_STREAM = "postmark.message-stream";
    public static final String TAG = "postmark.tag";

    /** Chooses the message stream of an SMTP message (SMTP details article). */
    public static final String MESSAGE_STREAM_HEADER = "X-PM-Message-Stream";
    /** The message's tag; Postmark keeps one tag per message (its messages have a single {@code Tag} field). */
    public static final String TAG_HEADER = "X-PM-Tag";

    /**
     * "Maximum email size is 10 MB. This includes email content, headers, and attachments" (Postmark developer
     * introduction), measured after base64 encoding (support article 1056), which is what a rendered message is.
     * Read as 10,000,000 octets, the smaller reading of "MB", so that a message that passes is never refused.
     */
    public static final int MAX_OCTETS = 10_000_000;
    /** "The maximum number of recipients for each email is 50, including all To, CC, and BCC recipients." */
    public static final int MAX_RECIPIENT_COUNT = 50;

    static final String INTRO_DOC = "https://postmarkapp.com/developer";
    static final String SIZE_DOC = "https://postmarkapp.com/support/article/1056-what-are-the-attachment-and-email-size-limits";
    static final String SMTP_DOC = "https://postmarkapp.com/support/article/811-what-are-the-smtp-details-api-tokens-i-should-be-using";
    static final String TAG_DOC = "https://postmarkapp.com/developer/api/email-api";
    /** Stream IDs as Postmark shows them (outbound, broadcast, my-stream-1): no spaces, no controls. */
    private static final Pattern STREAM_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    private PostmarkRules() {
    }

    /** Every Postmark rule; none needs configuration. */
    public static List<Rule> all() {
        return List.of(Rule.of(MAX_SIZE, PostmarkRules::maxSize), Rule.of(MAX_RECIPIENTS, PostmarkRules::maxRecipients),
                Rule.of(MESSAGE_STREAM, PostmarkRules::messageStream), Rule.of(TAG, PostmarkRules::tag));
    }

    /** Whether {@code id} can be a message stream ID. */
    public static boolean isStreamId(String id) {
        return id != null && STREAM_ID.matcher(id).matches();
    }

    /** The rendered size, as sent, within {@value #MAX_OCTETS} octets. ({@value #INTRO_DOC}, {@value #SIZE_DOC}) */
    static List<Violation> maxSize(RenderedMessage m) {
        return m.size() <= MAX_OCTETS ? List.of() : List.of(new Violation(MAX_SIZE, "message", "the message is " + m.size()
                + " octets; Postmark accepts at most 10 MB including headers and attachments (" + SIZE_DOC + ")"));
    }

    /** At most {@value #MAX_RECIPIENT_COUNT} envelope recipients, To, Cc and Bcc together. ({@value #INTRO_DOC}) */
    static List<Violation> maxRecipients(RenderedMessage m) {
        int n = m.envelope().recipients().size();
        return n <= MAX_RECIPIENT_COUNT ? List.of() : List.of(new Violation(MAX_RECIPIENTS, "envelope.recipients", n
                + " recipients; Postmark allows at most " + MAX_RECIPIENT_COUNT + " per message, To, Cc and Bcc together (" + INTRO_DOC + ")"));
    }

    /**
     * At most one {@value #MESSAGE_STREAM_HEADER}, holding a stream ID: a message goes through one stream, and a
     * misspelt or doubled header would send it through another than meant. ({@value #SMTP_DOC})
     */
    static List<Violation> messageStream(RenderedMessage m) {
        List<String> values = m.headers(MESSAGE_STREAM_HEADER);
        if (values.size() > 1) {
            return List.of(new Violation(MESSAGE_STREAM, MESSAGE_STREAM_HEADER, values.size() + " " + MESSAGE_STREAM_HEADER
                    + " headers; a message goes through one stream (" + SMTP_DOC + ")"));
        }
        if (values.size() == 1 && !isStreamId(values.get(0).strip())) {
            return List.of(new Violation(MESSAGE_STREAM, MESSAGE_STREAM_HEADER, "\"" + values.get(0).strip() + "\" is not a message stream ID "
                    + "(e.g. outbound, broadcast; see the stream's Settings) (" + SMTP_DOC + ")"));
        }
        return List.of();
    }

    /** At most one {@value #TAG_HEADER}: a Postmark message has one tag, so further ones would be lost. ({@value #TAG_DOC}) */
    static List<Violation> tag(RenderedMessage m) {
        int n = m.headers(TAG_HEADER).size();
        return n <= 1 ? List.of() : List.of(new Violation(TAG, TAG_HEADER, n + " " + TAG_HEADER + " headers; a Postmark message has one tag ("
                + TAG_DOC + ")"));
    }
}
