package dev.mailgate.sparkpost.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.core.json.JsonPayloads;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SparkPost's rules for the {@value #HEADER} header, ids {@code sparkpost.*}. The header is how an SMTP message asks for
 * what a transmission sets through the API ("SMTP API", https://developers.sparkpost.com/api/smtp/): a JSON object
 * with {@code campaign_id}, {@code metadata}, {@code tags}, {@code options} and more; the field types follow the
 * Transmissions API (https://developers.sparkpost.com/api/transmissions/). A header SparkPost cannot read is not applied,
 * so the campaign and metadata silently miss the events: that is what these rules catch before sending.
 */
public final class SparkPostRules {
    public static final String SINGLE_HEADER = "sparkpost.x-msys-api-single";
    public static final String VALID_JSON = "sparkpost.x-msys-api-json";
    public static final String CAMPAIGN_ID = "sparkpost.campaign-id";

    public static final String HEADER = "X-MSYS-API";
    /** The Transmissions API's limit on {@code campaign_id}: 64 bytes. */
    public static final int MAX_CAMPAIGN_ID_BYTES = 64;

    static final String SMTP_DOC = "https://developers.sparkpost.com/api/smtp/";
    static final String TRANSMISSIONS_DOC = "https://developers.sparkpost.com/api/transmissions/";
    /** The boolean options of a transmission that X-MSYS-API carries. */
    private static final Set<String> BOOLEAN_OPTIONS = Set.of("open_tracking", "click_tracking", "transactional", "sandbox", "skip_suppression",
            "inline_css", "initial_open");
    private static final ObjectMapper JSON = JsonPayloads.mapper(InputLimits.defaults());

    private SparkPostRules() {
    }

    /** Every SparkPost rule; none needs configuration. */
    public static List<Rule> all() {
        return List.of(Rule.of(SINGLE_HEADER, SparkPostRules::singleHeader), Rule.of(VALID_JSON, SparkPostRules::validJson),
                Rule.of(CAMPAIGN_ID, SparkPostRules::campaignId));
    }

    /** One {@value #HEADER} per message: SparkPost reads one object; a second would be ignored or override. ({@value #SMTP_DOC}) */
    static List<Violation> singleHeader(RenderedMessage m) {
        int n = m.headers(HEADER).size();
        return n <= 1 ? List.of() : List.of(new Violation(SINGLE_HEADER, HEADER, n + " " + HEADER + " headers; put every setting in one JSON "
                + "object (" + SMTP_DOC + ")"));
    }

    /**
     * The header is a JSON object whose documented fields have the documented types: {@code campaign_id} and
     * {@code ip_pool} strings, {@code metadata} an object, {@code tags} a list of strings, {@code options} an object whose
     * tracking and delivery switches are true or false. ({@value #SMTP_DOC}, {@value #TRANSMISSIONS_DOC})
     */
    static List<Violation> validJson(RenderedMessage m) {
        List<Violation> out = new ArrayList<>();
        for (String value : m.headers(HEADER)) {
            JsonNode root = parse(value, out);
            if (root == null) {
                continue;
            }
            if (!root.isObject()) {
                out.add(new Violation(VALID_JSON, HEADER, "is " + root.getNodeType() + ", not a JSON object (" + SMTP_DOC + ")"));
                continue;
            }
            expect(root, "campaign_id", JsonNode::isTextual, "a string", out);
            expect(root, "metadata", JsonNode::isObject, "an object", out);
            expect(root, "tags", t -> t.isArray() && allText(t), "a list of strings", out);
            expect(root, "options", JsonNode::isObject, "an object", out);
            JsonNode options = root.path("options");
            if (options.isObject()) {
                for (Map.Entry<String, JsonNode> o : options.properties()) {
                    if (BOOLEAN_OPTIONS.contains(o.getKey()) && !o.getValue().isBoolean()) {
                        out.add(new Violation(VALID_JSON, HEADER + ".options." + o.getKey(), "is " + o.getValue() + "; true or false ("
                                + TRANSMISSIONS_DOC + ")"));
                    }
                }
                expect(options, "ip_pool", JsonNode::isTextual, "a string", out);
            }
        }
        return out;
    }

    /** {@code campaign_id} of at most {@value #MAX_CAMPAIGN_ID_BYTES} bytes (UTF-8). ({@value #TRANSMISSIONS_DOC}) */
    static List<Violation> campaignId(RenderedMessage m) {
        List<Violation> out = new ArrayList<>();
        for (String value : m.headers(HEADER)) {
            JsonNode root = parse(value, null);
            JsonNode id = root == null ? null : root.path("campaign_id");
            if (id != null && id.isTextual()) {
                int bytes = id.asText().getBytes(StandardCharsets.UTF_8).length;
                if (bytes > MAX_CAMPAIGN_ID_BYTES) {
                    out.add(new Violation(CAMPAIGN_ID, HEADER + ".campaign_id", "is " + bytes + " bytes; at most " + MAX_CAMPAIGN_ID_BYTES + " ("
                            + TRANSMISSIONS_DOC + ")"));
                }
            }
        }
        return out;
    }

    /** The header's JSON, or null when it is not JSON (recorded in {@code out} when given). */
    private static JsonNode parse(String value, List<Violation> out) {
        try {
            return JSON.readTree(value.strip());
        } catch (JsonProcessingException e) {
            if (out != null) {
                String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
                out.add(new Violation(VALID_JSON, HEADER, "is not valid JSON" + where + ": " + e.getOriginalMessage() + " (" + SMTP_DOC + ")"));
            }
            return null;
        }
    }

    private static void expect(JsonNode node, String field, java.util.function.Predicate<JsonNode> ok, String what, List<Violation> out) {
        JsonNode v = node.get(field);
        if (v != null && !v.isNull() && !ok.test(v)) {
            out.add(new Violation(VALID_JSON, HEADER + "." + field, "is " + v.getNodeType() + "; expected " + what + " (" + TRANSMISSIONS_DOC + ")"));
        }
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode t : array) {
            if (!t.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
