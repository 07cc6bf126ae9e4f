package dev.mailgate.sendgrid.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mailgate.core.mime.RenderedMessage;
import java.util.List;
import java.util.Optional;

/**
 * The one place the {@code X-SMTPAPI} header is read. SendGrid honours only the first of several headers, so the
 * first is the one every rule looks at.
 *
 * @param value the header as rendered (unfolded)
 * @param json the parsed object, or empty when it is not a JSON object
 * @param problem why it is not, when it is not
 */
record SmtpApiHeader(String value, Optional<JsonNode> json, String problem) {
    static final String NAME = "X-SMTPAPI";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build());
    }

    static Optional<SmtpApiHeader> first(RenderedMessage m) {
        List<String> values = m.headers(NAME);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        String value = values.get(0).strip();
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || !node.isObject()) {
                return Optional.of(new SmtpApiHeader(value, Optional.empty(), "is not a JSON object"));
            }
            return Optional.of(new SmtpApiHeader(value, Optional.of(node), ""));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            return Optional.of(new SmtpApiHeader(value, Optional.empty(), "is not valid JSON" + where + ": " + e.getOriginalMessage()));
        }
    }
}
