package dev.mailgate.core.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InputLimitsTest {
    @Test
    void theDefaultsAreTheDocumentedOnes() {
        InputLimits d = InputLimits.defaults();
        assertThat(d.maxPayloadBytes()).isEqualTo(10 * 1024 * 1024);
        assertThat(d.maxJsonNestingDepth()).isEqualTo(64);
        assertThat(d.maxMessageBytes()).isEqualTo(32 * 1024 * 1024);
        assertThat(d.maxMimeDepth()).isEqualTo(12);
        assertThat(d.maxMimeParts()).isEqualTo(500);
        assertThat(d.maxReplyLines()).isEqualTo(200);
        assertThat(d.maxReplyLineOctets()).isEqualTo(4096);
    }

    @Test
    void toBuilderChangesOneBoundAndKeepsTheOthers() {
        InputLimits changed = InputLimits.defaults().toBuilder().maxMimeParts(50).build();
        assertThat(changed.maxMimeParts()).isEqualTo(50);
        assertThat(changed.toString().replace("maxMimeParts=50", "maxMimeParts=500")).isEqualTo(InputLimits.defaults().toString());
    }

    @Test
    void boundsMustBePositiveAndReplyLinesAtLeastWhatRfc5321Requires() {
        assertThatThrownBy(() -> InputLimits.builder().maxPayloadBytes(0)).hasMessageContaining("maxPayloadBytes must be positive");
        assertThatThrownBy(() -> InputLimits.builder().maxReplyLineOctets(511)).hasMessageContaining("RFC 5321");
    }

    @Test
    void theWordingNamesWhatTheMeasureAndTheLimit() {
        assertThat(InputLimits.exceeded("body length", 20, 10, "maxPayloadBytes"))
                .isEqualTo("body length (20) exceeds the maximum (10, InputLimits.maxPayloadBytes)");
    }
}
