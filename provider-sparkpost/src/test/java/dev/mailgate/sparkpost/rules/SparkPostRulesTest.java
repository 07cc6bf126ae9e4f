package dev.mailgate.sparkpost.rules;

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

/** One fixture per rule (src/test/resources/sparkpost/rules), each breaking exactly its rule, and a valid one. */
class SparkPostRulesTest {
    private static final MessageValidator VALIDATOR = MessageValidator.of(SparkPostRules.all());

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("valid", List.of()),
                Arguments.of("two-headers", List.of(SparkPostRules.SINGLE_HEADER)),
                Arguments.of("not-json", List.of(SparkPostRules.VALID_JSON)),
                Arguments.of("not-an-object", List.of(SparkPostRules.VALID_JSON)),
                Arguments.of("wrong-field-types", List.of(SparkPostRules.VALID_JSON, SparkPostRules.VALID_JSON)),
                Arguments.of("option-not-boolean", List.of(SparkPostRules.VALID_JSON)),
                Arguments.of("campaign-id-too-long", List.of(SparkPostRules.CAMPAIGN_ID)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFixtureBreaksExactlyItsRule(String fixture, List<String> expected) throws IOException {
        List<Violation> violations = VALIDATOR.validate(MimeWriter.standard().render(RawMessage.forValidation(read(fixture), Optional.empty())));
        assertThat(violations).extracting(Violation::ruleId).as(violations.toString()).containsExactlyElementsOf(expected);
        violations.forEach(v -> assertThat(v.message()).as("cites the documentation").contains("https://developers.sparkpost.com/api/"));
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = SparkPostRulesTest.class.getResourceAsStream("/sparkpost/rules/" + name + ".eml")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture sparkpost/rules/" + name + ".eml");
            }
            byte[] eml = in.readAllBytes();
            return eml;
        }
    }
}
