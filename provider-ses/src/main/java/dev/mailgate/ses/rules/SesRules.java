package dev.mailgate.ses.rules;

import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Amazon SES's rules, ids {@code ses.*}; each cites the page that states it. */
public final class SesRules {
    public static final String MAX_SIZE = "ses.max-size";
    public static final String MAX_RECIPIENTS = "ses.max-recipients";
    public static final String CONFIGURATION_SET = "ses.configuration-set";
    public static final String MESSAGE_TAGS = "ses.message-tags";
    public static final String CONFIGURATION_SET_HEADER = "X-SES-CONFIGURATION-SET";
    public static final String MESSAGE_TAGS_HEADER = "X-SES-MESSAGE-TAGS";

    /** "Using the SES v2 API or SMTP - Maximum message size (including attachments): 40 MB per message (after base64 encoding)." */
    public static final int MAX_OCTETS = 40 * 1024 * 1024;
    /** The combined To, Cc and Bcc addresses of one message "cannot exceed 50". */
    public static final int MAX_RECIPIENT_COUNT = 50;
    /** Tag names and values: ASCII letters, digits, underscores and dashes, at most 256 characters. */
    private static final Pattern TAG_PART = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    /** Configuration set names: ASCII letters, digits, underscores and dashes, at most 64 characters. */
    private static final Pattern SET_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final String QUOTAS_DOC = "https://docs.aws.amazon.com/ses/latest/dg/quotas.html";
    /** Where the 50-recipient limit was read: the SendRawEmail reference (AWS SDK for .NET), which states it for a raw message. */
    private static final String RECIPIENTS_DOC = "https://docs.aws.amazon.com/sdkfornet1/latest/apidocs/html/M_Amazon_SimpleEmail_AmazonSimpleEmailService_SendRawEmail.htm";
    private static final String SETS_DOC = "https://docs.aws.amazon.com/ses/latest/dg/using-configuration-sets-in-email.html";
    private static final String TAG_DOC = "https://docs.aws.amazon.com/ses/latest/dg/event-publishing-send-email.html";
    private static final String TAG_API_DOC = "https://docs.aws.amazon.com/ses/latest/APIReference/API_MessageTag.html";

    private SesRules() {
    }

    /** Every SES rule; none needs configuration. */
    public static List<Rule> all() {
        return List.of(Rule.of(MAX_SIZE, SesRules::maxSize), Rule.of(MAX_RECIPIENTS, SesRules::maxRecipients),
                Rule.of(CONFIGURATION_SET, SesRules::configurationSet), Rule.of(MESSAGE_TAGS, SesRules::messageTags));
    }

    /** Whether SES would accept this as a configuration set name. */
    public static boolean isConfigurationSetName(String name) {
        return SET_NAME.matcher(name).matches();
    }

    /** The rendered size, as sent, within 40 MB. ({@value #QUOTAS_DOC}) */
    static List<Violation> maxSize(RenderedMessage m) {
        return m.size() <= MAX_OCTETS ? List.of() : List.of(new Violation(MAX_SIZE, "message", "the message is " + m.size()
                + " octets; over SMTP SES takes at most 40 MB (" + QUOTAS_DOC + ")"));
    }

    /** At most {@value #MAX_RECIPIENT_COUNT} envelope recipients (To, Cc and Bcc together). ({@value #RECIPIENTS_DOC}, {@value #QUOTAS_DOC}) */
    static List<Violation> maxRecipients(RenderedMessage m) {
        int n = m.envelope().recipients().size();
        return n <= MAX_RECIPIENT_COUNT ? List.of() : List.of(new Violation(MAX_RECIPIENTS, "envelope.recipients", n + " recipients; SES "
                + "accepts at most " + MAX_RECIPIENT_COUNT + " per message, so split the list (" + RECIPIENTS_DOC + ")"));
    }

    /**
     * At most one {@value #CONFIGURATION_SET_HEADER}, naming a set the way SES names them; SES removes the header
     * before delivery and publishes the message's events to that set. ({@value #SETS_DOC})
     */
    static List<Violation> configurationSet(RenderedMessage m) {
        List<String> sets = m.headers(CONFIGURATION_SET_HEADER);
        List<Violation> out = new ArrayList<>();
        if (sets.size() > 1) {
            out.add(new Violation(CONFIGURATION_SET, CONFIGURATION_SET_HEADER, sets.size() + " configuration set headers; a message "
                    + "belongs to one set (" + SETS_DOC + ")"));
        }
        for (String set : sets) {
            if (!isConfigurationSetName(set.strip())) {
                out.add(new Violation(CONFIGURATION_SET, CONFIGURATION_SET_HEADER, "\"" + set.strip() + "\" is not a configuration set "
                        + "name (ASCII letters, digits, _ and -, at most 64) (" + SETS_DOC + ")"));
            }
        }
        return out;
    }

    /**
     * {@value #MESSAGE_TAGS_HEADER}: comma-separated {@code name=value} pairs, each name and value of ASCII letters,
     * digits, underscores and dashes ("Message tags can include the numbers 0–9, the letters A–Z (both uppercase and
     * lowercase), hyphens (-), and underscores (_)"), at most 256 characters (the MessageTag API type).
     * ({@value #TAG_DOC}, {@value #TAG_API_DOC})
     */
    static List<Violation> messageTags(RenderedMessage m) {
        List<Violation> out = new ArrayList<>();
        for (String header : m.headers(MESSAGE_TAGS_HEADER)) {
            for (String pair : header.split(",", -1)) {
                String p = pair.strip();
                int eq = p.indexOf('=');
                if (eq < 0 || !TAG_PART.matcher(p.substring(0, eq).strip()).matches() || !TAG_PART.matcher(p.substring(eq + 1).strip()).matches()) {
                    out.add(new Violation(MESSAGE_TAGS, MESSAGE_TAGS_HEADER, "\"" + (p.length() > 40 ? p.substring(0, 40) + "..." : p)
                            + "\" is not name=value of ASCII letters, digits, _ and - (at most 256 each) (" + TAG_DOC + ")"));
                }
            }
        }
        return out;
    }
}
