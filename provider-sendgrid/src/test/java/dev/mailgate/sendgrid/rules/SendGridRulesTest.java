package dev.mailgate.sendgrid.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.message.RawMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.validation.MessageValidator;
import dev.mailgate.core.validation.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One fixture per rule (src/test/resources/sendgrid/rules), each breaking exactly its rule, and a valid one. */
class SendGridRulesTest {
    private static final MessageValidator VALIDATOR = MessageValidator.of(SendGridRules.all());

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("valid", List.of()),
                Arguments.of("two-smtpapi-headers", List.of(SendGridRules.SINGLE_HEADER)),
                Arguments.of("smtpapi-not-json", List.of(SendGridRules.VALID_JSON)),
                Arguments.of("smtpapi-unique-args-not-strings", List.of(SendGridRules.VALID_JSON, SendGridRules.VALID_JSON)),
                Arguments.of("smtpapi-unique-args-too-big", List.of(SendGridRules.UNIQUE_ARGS_SIZE)),
                Arguments.of("smtpapi-too-many-recipients", List.of(SendGridRules.MAX_RECIPIENTS)),
                Arguments.of("smtpapi-to-with-rcpt-list", List.of(SendGridRules.TO_WITH_RCPT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFixtureBreaksExactlyItsRule(String fixture, List<String> expected) throws IOException {
        List<Violation> violations = VALIDATOR.validate(MimeWriter.standard().render(RawMessage.forValidation(read(fixture), Optional.empty())));
        assertThat(violations).extracting(Violation::ruleId).as(violations.toString()).containsExactlyElementsOf(expected);
        violations.forEach(v -> assertThat(v.message()).as("cites the documentation").contains("https://www.twilio.com/docs/sendgrid/"));
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = SendGridRulesTest.class.getResourceAsStream("/sendgrid/rules/" + name + ".eml")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture sendgrid/rules/" + name + ".eml");
            }
            return in.readAllBytes();
        }
    }
}
