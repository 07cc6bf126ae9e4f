package dev.mailgate.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.limits.InputLimits;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonPayloadsTest {
    private static final InputLimits SMALL = InputLimits.builder().maxPayloadBytes(64).maxJsonNestingDepth(4).build();

    @Test
    void aPayloadOverTheSizeBoundIsRefusedBeforeParsingNamingTheLimit() {
        byte[] big = ("[" + "1,".repeat(40) + "1]").getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> JsonPayloads.read("test", JsonPayloads.mapper(SMALL), big, SMALL))
                .isInstanceOf(CallbackFormatException.class)
                .hasMessageContaining("payload length (" + big.length + ") exceeds the maximum (64, InputLimits.maxPayloadBytes)");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedNamingTheLimit() {
        byte[] deep = "[[[[[1]]]]]".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> JsonPayloads.read("test", JsonPayloads.mapper(SMALL), deep, SMALL))
                .isInstanceOf(CallbackFormatException.class)
                .hasMessageContaining("JSON nesting depth (5) exceeds the maximum (4, InputLimits.maxJsonNestingDepth)");
        byte[] fine = "[[[[1]]]]".getBytes(StandardCharsets.US_ASCII);
        assertThat(JsonPayloads.read("test", JsonPayloads.mapper(SMALL), fine, SMALL).get(0).get(0).get(0).get(0).asInt()).isEqualTo(1);
    }

    @Test
    void constrainAppliesTheNestingBoundToAMapperTheCodecConfiguredItself() {
        ObjectMapper lenient = JsonPayloads.constrain(new ObjectMapper(), SMALL);
        assertThatThrownBy(() -> JsonPayloads.read("test", lenient, "{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}".getBytes(StandardCharsets.US_ASCII), SMALL))
                .hasMessageContaining("InputLimits.maxJsonNestingDepth");
    }

    @Test
    void malformedJsonSaysWhere() {
        assertThatThrownBy(() -> JsonPayloads.read("test", JsonPayloads.mapper(SMALL), "{\n\"a\": tru}".getBytes(StandardCharsets.US_ASCII), SMALL))
                .isInstanceOf(CallbackFormatException.class).hasMessageContaining("line 2");
    }
}
