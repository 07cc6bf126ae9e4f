package dev.mailgate.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.core.event.CallbackFormatException;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads the JSON body of a provider callback or webhook the one way every JSON codec does: a size bound first (a
 * hostile payload cannot exhaust memory), then a parse whose errors name the place ({@code line 3, column 7}).
 */
public final class JsonPayloads {
    private JsonPayloads() {
    }

    /**
     * @param format the codec's format id, for the error
     * @return the root node; null for an empty payload
     * @throws CallbackFormatException over the size bound or not JSON, saying where
     */
    public static JsonNode read(String format, ObjectMapper mapper, byte[] payload, int maxBytes) {
        if (payload.length > maxBytes) {
            throw new CallbackFormatException(format, "$", "payload of " + payload.length + " bytes exceeds the limit of " + maxBytes, null);
        }
        try {
            return mapper.readTree(payload);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "$" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new CallbackFormatException(format, where, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CallbackFormatException(format, "$", "unreadable payload: " + e.getMessage(), e);
        }
    }

    /**
     * An optional text field the way the providers' event JSON carries it: absent, null or blank is empty; a number
     * (ids, timestamps some providers send unquoted) reads as its text; the value is stripped.
     *
     * @throws CallbackFormatException for any other JSON type, naming {@code path.field}
     */
    public static Optional<String> text(String format, JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw new CallbackFormatException(format, path + "." + field, "expected a string, got " + v.getNodeType(), null);
        }
        return v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText().strip());
    }
}
