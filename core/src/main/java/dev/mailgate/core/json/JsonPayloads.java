package dev.mailgate.core.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.limits.InputLimits;
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
     * A mapper for a codec's payloads that enforces {@link InputLimits#maxJsonNestingDepth()} while it parses
     * (configure it further with {@code rebuild()} where a format needs lenient features).
     */
    public static JsonMapper mapper(InputLimits limits) {
        return constrain(JsonMapper.builder().build(), limits);
    }

    /** Makes {@code mapper}'s parser enforce {@link InputLimits#maxJsonNestingDepth()}, and returns it. */
    public static <M extends ObjectMapper> M constrain(M mapper, InputLimits limits) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(limits.maxJsonNestingDepth()).build());
        return mapper;
    }

    /**
     * Reads a payload within {@link InputLimits#maxPayloadBytes()}, with a mapper made by {@link #mapper} or
     * {@link #constrain} from the same limits.
     *
     * @param format the codec's format id, for the error
     * @return the root node; null for an empty payload
     * @throws CallbackFormatException over a bound (worded by {@link InputLimits#exceeded}) or not JSON, saying where
     */
    public static JsonNode read(String format, ObjectMapper mapper, byte[] payload, InputLimits limits) {
        if (payload.length > limits.maxPayloadBytes()) {
            throw new CallbackFormatException(format, "$",
                    InputLimits.exceeded("payload length", payload.length, limits.maxPayloadBytes(), "maxPayloadBytes"), null);
        }
        return parse(format, mapper, payload);
    }

    private static JsonNode parse(String format, ObjectMapper mapper, byte[] payload) {
        try {
            return mapper.readTree(payload);
        } catch (StreamConstraintsException e) {
            String where = e.getLocation() == null ? "$" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            int max = mapper.getFactory().streamReadConstraints().getMaxNestingDepth();
            String message = e.getOriginalMessage().contains("nesting")
                    ? InputLimits.exceeded("JSON nesting depth", max + 1L, max, "maxJsonNestingDepth")
                    : "payload exceeds a parser bound: " + e.getOriginalMessage();
            throw new CallbackFormatException(format, where, message, e);
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
