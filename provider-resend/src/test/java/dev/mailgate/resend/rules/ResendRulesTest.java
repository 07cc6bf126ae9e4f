package dev.mailgate.resend.rules;

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

/** One fixture per rule (src/test/resources/resend/rules), each breaking exactly its rule, and a valid one. */
class ResendRulesTest {
    private static final MessageValidator VALIDATOR = MessageValidator.of(ResendRules.all());

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("valid", List.of()),
                Arguments.of("too-large", List.of(ResendRules.MAX_SIZE)),
                Arguments.of("two-idempotency-keys", List.of(ResendRules.IDEMPOTENCY_KEY)),
                Arguments.of("idempotency-key-too-long", List.of(ResendRules.IDEMPOTENCY_KEY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFixtureBreaksExactlyItsRule(String fixture, List<String> expected) throws IOException {
        List<Violation> violations = VALIDATOR.validate(MimeWriter.standard().render(RawMessage.forValidation(read(fixture), Optional.empty())));
        assertThat(violations).extracting(Violation::ruleId).as(violations.toString()).containsExactlyElementsOf(expected);
        violations.forEach(v -> assertThat(v.message()).as("cites the documentation").contains("https://resend.com/docs/"));
    }

    /**
     * The too-large fixture is its headers and first line; a 40 MB file would weigh on the repository, so its body is
     * repeated here, in 78-octet lines, to one octet past the limit.
     */
    private static byte[] padded(byte[] eml) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(ResendRules.MAX_OCTETS + 100);
        out.writeBytes(eml);
        byte[] line = ("a".repeat(76) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        while (out.size() <= ResendRules.MAX_OCTETS) {
            out.writeBytes(line);
        }
        return out.toByteArray();
    }

    private static byte[] read(String name) throws IOException {
        try (InputStream in = ResendRulesTest.class.getResourceAsStream("/resend/rules/" + name + ".eml")) {
            if (in == null) {
                throw new IllegalStateException("missing fixture resend/rules/" + name + ".eml");
            }
            byte[] eml = in.readAllBytes();
            return name.equals("too-large") ? padded(eml) : eml;
        }
    }
}
