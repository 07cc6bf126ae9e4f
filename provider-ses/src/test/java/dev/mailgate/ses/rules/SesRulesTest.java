package dev.mailgate.ses.rules;

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

/** One fixture per rule (src/test/resources/ses/rules), each breaking exactly its rule; the size limit on padding. */
class SesRulesTest {
    private static final MessageValidator VALIDATOR = MessageValidator.of(SesRules.all());

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("valid", List.of()),
                Arguments.of("too-many-recipients", List.of(SesRules.MAX_RECIPIENTS)),
                Arguments.of("two-configuration-sets", List.of(SesRules.CONFIGURATION_SET)),
                Arguments.of("configuration-set-bad-name", List.of(SesRules.CONFIGURATION_SET)),
                Arguments.of("message-tags-bad", List.of(SesRules.MESSAGE_TAGS, SesRules.MESSAGE_TAGS)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFixtureBreaksExactlyItsRule(String fixture, List<String> expected) throws IOException {
        List<Violation> violations = VALIDATOR.validate(render(read(fixture)));
        assertThat(violations).extracting(Violation::ruleId).as(violations.toString()).containsExactlyElementsOf(expected);
        violations.forEach(v -> assertThat(v.message()).as("cites the documentation").contains("https://docs.aws.amazon.com/"));
    }

    @Test
    void theSizeLimitIsMeasuredOnTheRenderedMessage() throws IOException {
        String valid = new String(read("valid"), StandardCharsets.US_ASCII);
        assertThat(VALIDATOR.validate(render(padTo(valid, SesRules.MAX_OCTETS)))).isEmpty();
        assertThat(VALIDATOR.validate(render(padTo(valid, SesRules.MAX_OCTETS + 1)))).extracting(Violation::ruleId)
                .containsExactly(SesRules.MAX_SIZE);
    }

    @Test
    void fiftyRecipientsAreFine() {
        StringBuilder to = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            to.append(i == 0 ? "" : ", ").append("r").append(i).append("@example.net");
        }
        String eml = "From: shop@example.com\r\nTo: " + to + "\r\nSubject: x\r\n\r\nx\r\n";
        assertThat(VALIDATOR.validate(render(eml.getBytes(StandardCharsets.US_ASCII)))).isEmpty();
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
        try (InputStream in = SesRulesTest.class.getResourceAsStream("/ses/rules/" + name + ".eml")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture ses/rules/" + name + ".eml");
            }
            return in.readAllBytes();
        }
    }
}
