package dev.mailgate.mailgun.rules;

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

/** One fixture per rule (src/test/resources/mailgun/rules), each breaking exactly its rule; the size limit on padding. */
class MailgunRulesTest {
    private static final MessageValidator VALIDATOR = MessageValidator.of(MailgunRules.all());

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("valid", List.of()),
                Arguments.of("too-many-tags", List.of(MailgunRules.TAGS)),
                Arguments.of("tag-too-long", List.of(MailgunRules.TAGS)),
                Arguments.of("tag-not-ascii", List.of(MailgunRules.TAGS)),
                Arguments.of("variables-not-json", List.of(MailgunRules.VARIABLES)),
                Arguments.of("variables-not-object", List.of(MailgunRules.VARIABLES)),
                Arguments.of("option-not-yes-no", List.of(MailgunRules.OPTION_VALUES)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFixtureBreaksExactlyItsRule(String fixture, List<String> expected) throws IOException {
        List<Violation> violations = VALIDATOR.validate(render(read(fixture)));
        assertThat(violations).extracting(Violation::ruleId).as(violations.toString()).containsExactlyElementsOf(expected);
        violations.forEach(v -> assertThat(v.message()).as("cites the documentation").contains("https://documentation.mailgun.com/"));
    }

    @Test
    void theSizeLimitIsMeasuredOnTheRenderedMessage() throws IOException {
        String valid = new String(read("valid"), StandardCharsets.US_ASCII);
        assertThat(VALIDATOR.validate(render(padTo(valid, MailgunRules.MAX_OCTETS)))).isEmpty();
        assertThat(VALIDATOR.validate(render(padTo(valid, MailgunRules.MAX_OCTETS + 1)))).extracting(Violation::ruleId)
                .containsExactly(MailgunRules.MAX_SIZE);
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
        RenderedMessage m = MimeWriter.standard().render(RawMessage.forValidation(eml, Optional.empty()));
        return m;
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = MailgunRulesTest.class.getResourceAsStream("/mailgun/rules/" + name + ".eml")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture mailgun/rules/" + name + ".eml");
            }
            return in.readAllBytes();
        }
    }
}
