package dev.mailgate.episerver.rule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.EmailMessage;
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
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every rule against a passing and a failing fixture (src/test/resources/episerver), and several broken at once. */
class EpiserverRulesTest {
    private static final MessageValidator VALIDATOR = MessageValidator.of(EpiserverRules.of("news.example.com", Set.of("mailing-42")));

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("valid.eml", List.of()),
                Arguments.of("missing-message-id.eml", List.of("episerver.message-id")),
                Arguments.of("bad-message-id.eml", List.of("episerver.message-id")),
                Arguments.of("two-to-headers.eml", List.of("episerver.single-to")),
                Arguments.of("to-two-addresses.eml", List.of("episerver.single-to")),
                Arguments.of("to-invalid.eml", List.of("episerver.single-to")),
                Arguments.of("from-other-domain.eml", List.of("episerver.from-sending-domain")),
                Arguments.of("two-from-headers.eml", List.of("episerver.from-sending-domain")),
                Arguments.of("cc-header.eml", List.of("episerver.no-cc-bcc")),
                Arguments.of("empty-subject.eml", List.of("episerver.subject")),
                Arguments.of("blank-encoded-subject.eml", List.of("episerver.subject")),
                Arguments.of("missing-subject.eml", List.of("episerver.subject")),
                Arguments.of("two-reply-to-headers.eml", List.of("episerver.single-reply-to")),
                Arguments.of("reply-to-two-addresses.eml", List.of("episerver.single-reply-to")),
                Arguments.of("mailing-code-malformed.eml", List.of("episerver.mailing-code")),
                Arguments.of("mailing-code-unknown.eml", List.of("episerver.mailing-code")),
                Arguments.of("return-path.eml", List.of("episerver.no-return-path")),
                Arguments.of("many-broken.eml", List.of("episerver.message-id", "episerver.from-sending-domain",
                        "episerver.no-cc-bcc", "episerver.subject", "episerver.no-return-path")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFixtureBreaksExactlyItsRules(String fixture, List<String> expected) throws IOException {
        List<Violation> violations = VALIDATOR.validate(render(fixture, Optional.empty()));
        assertThat(violations).extracting(Violation::ruleId).as(violations.toString()).containsExactlyElementsOf(expected);
        violations.forEach(v -> assertThat(v.message()).as("cites the seed or says what is wrong").isNotBlank());
    }

    @Test
    void sizeIsMeasuredOnTheRenderedMessage() throws IOException {
        String valid = new String(fixture("valid.eml"), StandardCharsets.US_ASCII);
        // exactly at the limit passes, one octet over fails
        RenderedMessage at = renderRaw(padTo(valid, MaxSizeRule.MAX_OCTETS));
        assertThat(at.size()).isEqualTo(MaxSizeRule.MAX_OCTETS);
        assertThat(VALIDATOR.validate(at)).isEmpty();
        RenderedMessage over = renderRaw(padTo(valid, MaxSizeRule.MAX_OCTETS + 1));
        assertThat(VALIDATOR.validate(over)).extracting(Violation::ruleId).containsExactly("episerver.max-size");
    }

    @Test
    void theEnvelopeSenderMustBeTheFromAddressAndAlignOrganizationally() throws IOException {
        RenderedMessage other = render("valid.eml", Optional.of(EmailAddress.parse("bounces@news.example.com")));
        assertThat(VALIDATOR.validate(other)).extracting(Violation::ruleId).containsExactly("episerver.envelope-from");

        RenderedMessage foreign = render("valid.eml", Optional.of(EmailAddress.parse("bounces@example.net")));
        assertThat(VALIDATOR.validate(foreign)).extracting(Violation::ruleId)
                .containsExactly("episerver.envelope-from", "episerver.organizational-alignment");
    }

    @Test
    void organizationalAlignmentUsesThePublicSuffixList() throws IOException {
        OrganizationalAlignmentRule rule = new OrganizationalAlignmentRule(dev.mailgate.core.address.PublicSuffixList.bundled());
        String uk = new String(fixture("valid.eml"), StandardCharsets.US_ASCII).replace("newsletter@news.example.com",
                "newsletter@news.example.co.uk");
        RawMessage aligned = RawMessage.forValidation(uk.getBytes(StandardCharsets.US_ASCII),
                Optional.of(EmailAddress.parse("b@bounce.news.example.co.uk")));
        assertThat(rule.check(MimeWriter.standard().render(aligned))).isEmpty();
        RawMessage otherOrg = RawMessage.forValidation(uk.getBytes(StandardCharsets.US_ASCII),
                Optional.of(EmailAddress.parse("b@bounce.example2.co.uk")));
        assertThat(rule.check(MimeWriter.standard().render(otherOrg))).hasSize(1);
    }

    @Test
    void bccHidesInTheMessageNotTheHeaders() {
        EmailMessage m = EmailMessage.builder().from("newsletter@news.example.com").to("jane@example.org").bcc("spy@example.org")
                .subject("Hi").text("x").envelopeFrom(EmailAddress.parse("newsletter@news.example.com")).build();
        assertThat(VALIDATOR.validate(m)).extracting(Violation::ruleId).containsExactly("episerver.no-cc-bcc");
        EmailMessage envelopeOnly = EmailMessage.builder().from("newsletter@news.example.com").to("jane@example.org")
                .subject("Hi").text("x").envelopeFrom(EmailAddress.parse("newsletter@news.example.com"))
                .envelopeRecipients(List.of(EmailAddress.parse("jane@example.org"), EmailAddress.parse("spy@example.org"))).build();
        assertThat(VALIDATOR.validate(envelopeOnly)).singleElement().satisfies(v -> {
            assertThat(v.ruleId()).isEqualTo("episerver.no-cc-bcc");
            assertThat(v.message()).contains("spy@example.org");
        });
    }

    @Test
    void idsAreStableAndInTheSeedsOrder() {
        assertThat(EpiserverRules.ids()).containsExactly("episerver.max-size", "episerver.message-id", "episerver.single-to",
                "episerver.from-sending-domain", "episerver.no-cc-bcc", "episerver.subject", "episerver.single-reply-to",
                "episerver.mailing-code", "episerver.envelope-from", "episerver.organizational-alignment",
                "episerver.no-return-path");
    }

    private static String padTo(String message, int size) {
        int crlfSize = message.replace("\n", "\r\n").length();
        return message + "x".repeat(size - crlfSize);
    }

    private static RenderedMessage renderRaw(String eml) {
        return MimeWriter.standard().render(RawMessage.forValidation(eml.getBytes(StandardCharsets.US_ASCII), Optional.empty()));
    }

    private static RenderedMessage render(String name, Optional<EmailAddress> envelopeFrom) throws IOException {
        return MimeWriter.standard().render(RawMessage.forValidation(fixture(name), envelopeFrom));
    }

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = EpiserverRulesTest.class.getResourceAsStream("/episerver/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture episerver/" + name);
            }
            return in.readAllBytes();
        }
    }
}
