package dev.mailgate.mailgun.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Mailgun's rules, ids {@code mailgun.*}; each cites the page that states it. */
public final class MailgunRules {
    public static final String MAX_SIZE = "mailgun.max-size";
    public static final String TAGS = "mailgun.tags";
    public static final String VARIABLES = "mailgun.variables-json";
    public static final String OPTION_VALUES = "mailgun.option-values";

    /**
     * "The maximum message size Mailgun supports is 25MB" (Send via HTTP). Read as 25,000,000 octets, the smaller of
     * the two readings of "MB", so a message that passes is never refused.
     */
    public static final int MAX_OCTETS = 25_000_000;
    /** "A single message may be marked with up to 3 tags" (Tags). */
    public static final int MAX_TAGS = 3;
    /** "The maximum length of characters is 128" (Tags). */
    public static final int MAX_TAG_LENGTH = 128;

    private static final String SIZE_DOC = "https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-http";
    private static final String TAG_DOC = "https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/track-tagging";
    private static final String OPTIONS_DOC = "https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/pass-sending-options";
    private static final String VARIABLES_DOC = "https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-attachments";
    /** The option headers and the values Passing Sending Options lists for each. */
    private static final Map<String, Set<String>> OPTIONS = Map.of(
            "X-Mailgun-Dkim", Set.of("yes", "no"),
            "X-Mailgun-Drop-Message", Set.of("yes", "no"),
            "X-Mailgun-Track", Set.of("yes", "no"),
            "X-Mailgun-Track-Clicks", Set.of("yes", "no", "htmlonly"),
            "X-Mailgun-Track-Opens", Set.of("yes", "no"));
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    private MailgunRules() {
    }

    /** Every Mailgun rule; none needs configuration. */
    public static List<Rule> all() {
        return List.of(Rule.of(MAX_SIZE, MailgunRules::maxSize), Rule.of(TAGS, MailgunRules::tags),
                Rule.of(VARIABLES, MailgunRules::variables), Rule.of(OPTION_VALUES, MailgunRules::optionValues));
    }

    /** The rendered size, as sent, within {@value #MAX_OCTETS} octets. ({@value #SIZE_DOC}) */
    static List<Violation> maxSize(RenderedMessage m) {
        return m.size() <= MAX_OCTETS ? List.of() : List.of(new Violation(MAX_SIZE, "message", "the message is " + m.size()
                + " octets; Mailgun supports at most 25 MB (" + SIZE_DOC + ")"));
    }

    /**
     * At most {@value #MAX_TAGS} {@code X-Mailgun-Tag} headers (one tag each), each of at most {@value #MAX_TAG_LENGTH}
     * characters, ASCII only ("Tags are case insensitive and should be ascii only"). ({@value #TAG_DOC})
     */
    static List<Violation> tags(RenderedMessage m) {
        List<String> tags = m.headers("X-Mailgun-Tag");
        List<Violation> out = new ArrayList<>();
        if (tags.size() > MAX_TAGS) {
            out.add(new Violation(TAGS, "X-Mailgun-Tag", tags.size() + " tags; a message may have at most " + MAX_TAGS + " (" + TAG_DOC + ")"));
        }
        for (String raw : tags) {
            String tag = raw.strip();
            if (tag.length() > MAX_TAG_LENGTH) {
                out.add(new Violation(TAGS, "X-Mailgun-Tag", "the tag \"" + tag.substring(0, 20) + "...\" has " + tag.length()
                        + " characters; at most " + MAX_TAG_LENGTH + " (" + TAG_DOC + ")"));
            }
            if (tag.startsWith("=?") || !StandardCharsets.US_ASCII.newEncoder().canEncode(tag)) {
                out.add(new Violation(TAGS, "X-Mailgun-Tag", "the tag \"" + tag + "\" is not plain ASCII; Mailgun tags should be "
                        + "ASCII only (" + TAG_DOC + ")"));
            }
        }
        return out;
    }

    /**
     * Each {@code X-Mailgun-Variables} header is a JSON object of the message's custom data, which Mailgun returns as
     * {@code user-variables} in webhooks; anything else is not attached. ({@value #VARIABLES_DOC}, {@value #OPTIONS_DOC})
     */
    static List<Violation> variables(RenderedMessage m) {
        List<Violation> out = new ArrayList<>();
        for (String value : m.headers("X-Mailgun-Variables")) {
            try {
                JsonNode node = JSON.readTree(value.strip());
                if (node == null || !node.isObject()) {
                    out.add(new Violation(VARIABLES, "X-Mailgun-Variables", "is not a JSON object (" + VARIABLES_DOC + ")"));
                }
            } catch (JsonProcessingException e) {
                String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
                out.add(new Violation(VARIABLES, "X-Mailgun-Variables", "is not valid JSON" + where + ": " + e.getOriginalMessage()
                        + " (" + VARIABLES_DOC + ")"));
            }
        }
        return out;
    }

    /** The option headers take the values Passing Sending Options lists, e.g. yes or no. ({@value #OPTIONS_DOC}) */
    static List<Violation> optionValues(RenderedMessage m) {
        List<Violation> out = new ArrayList<>();
        OPTIONS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(option -> {
            for (String value : m.headers(option.getKey())) {
                if (!option.getValue().contains(value.strip().toLowerCase(Locale.ROOT))) {
                    out.add(new Violation(OPTION_VALUES, option.getKey(), option.getKey() + ": " + value.strip() + " is not one of "
                            + new java.util.TreeSet<>(option.getValue()) + " (" + OPTIONS_DOC + ")"));
                }
            }
        });
        return out;
    }
}
