package dev.mailgate.brevo.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.message.RawMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.MessageValidator;
import dev.mailgate.core.validation.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One fixture per rule (src/test/resources/brevo/rules), each breaking exactly its rule; the size limit on padding. */
class BrevoRulesTest {
    private static final MessageValidator VALIDATOR = MessageValidator.of(BrevoRules.all());

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("valid", List.of()),
                Arguments.of("attachment-not-allowed", List.of(BrevoRules.ATTACHMENT_TYPES)),
                Arguments.of("attachment-folded-name", List.of(BrevoRules.ATTACHMENT_TYPES)),
                Arguments.of("two-custom-headers", List.of(BrevoRules.CUSTOM_HEADER)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFixtureBreaksExactlyItsRule(String fixture, List<String> expected) throws IOException {
        List<Violation> violations = VALIDATOR.validate(render(read(fixture)));
        assertThat(violations).extracting(Violation::ruleId).as(violations.toString()).containsExactlyElementsOf(expected);
        violations.forEach(v -> assertThat(v.message()).as("cites the documentation").containsPattern("https://(help|developers)\\.brevo\\.com/"));
    }

    @Test
    void theSizeLimitIsMeasuredOnTheRenderedMessage() throws IOException {
        String valid = new String(read("valid"), StandardCharsets.US_ASCII);
        assertThat(VALIDATOR.validate(render(padTo(valid, BrevoRules.MAX_OCTETS)))).isEmpty();
        assertThat(VALIDATOR.validate(render(padTo(valid, BrevoRules.MAX_OCTETS + 1)))).extracting(Violation::ruleId)
                .containsExactly(BrevoRules.MAX_SIZE);
    }

    private static byte[] padTo(String eml, int size) {
        StringBuilder sb = new StringBuilder(size).append(eml);
        String line = "x".repeat(76) + "\r\n";
        while (sb.length() + line.length() <= size) {
            sb.append(line);
        }
        sb.append("y".repeat(size - sb.length()));
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static RenderedMessage render(byte[] eml) {
        return MimeWriter.standard().render(RawMessage.forValidation(eml, Optional.empty()));
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = BrevoRulesTest.class.getResourceAsStream("/brevo/rules/" + name + ".eml")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture brevo/rules/" + name + ".eml");
            }
            return in.readAllBytes();
        }
    }
}
