package dev.mailgate.core.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EmailAddressTest {

    @Test
    void displayNameAndAngleAddressAreSplit() {
        EmailAddress a = EmailAddress.parse("Ana Lopez <ana@example.com>");
        assertThat(a.displayName()).contains("Ana Lopez");
        assertThat(a.localPart()).isEqualTo("ana");
        assertThat(a.domain()).isEqualTo("example.com");
        assertThat(a.toString()).isEqualTo("Ana Lopez <ana@example.com>");
    }

    @Test
    void quotedDisplayNameIsUnescaped() {
        EmailAddress a = EmailAddress.parse("\"Smith, John \\\"JJ\\\"\" <j@example.com>");
        assertThat(a.displayName()).contains("Smith, John \"JJ\"");
        assertThat(a.toString()).isEqualTo("\"Smith, John \\\"JJ\\\"\" <j@example.com>");
    }

    @Test
    void quotedLocalPartIsKeptAsWritten() {
        EmailAddress a = EmailAddress.parse("\"john doe\"@example.com");
        assertThat(a.localPart()).isEqualTo("\"john doe\"");
        assertThat(a.address()).isEqualTo("\"john doe\"@example.com");
    }

    @Test
    void idnDomainKeepsUnicodeAndHasPunycodeForTheWire() {
        EmailAddress a = EmailAddress.parse("info@bücher.example");
        assertThat(a.domain()).isEqualTo("bücher.example");
        assertThat(a.asciiDomain()).isEqualTo("xn--bcher-kva.example");
        assertThat(a.asciiAddress()).isEqualTo("info@xn--bcher-kva.example");
        assertThat(a.requiresSmtpUtf8()).isFalse();
    }

    /** IDNA2008 / UTS #46 non-transitional; java.net.IDN (IDNA2003) maps these to other people's domains. */
    @Test
    void idnDomainsFollowIdna2008NotIdna2003() {
        assertThat(EmailAddress.parse("john.doe@faß.de").asciiDomain()).isEqualTo("xn--fa-hia.de");
        assertThat(EmailAddress.parse("john.doe@faß.de")).isNotEqualTo(EmailAddress.parse("john.doe@fass.de"));
        assertThat(EmailAddress.parse("a@βόλος.com").asciiDomain()).as("final sigma kept").isEqualTo("xn--nxasmm1c.com");
        assertThat(EmailAddress.parse("a@BÜCHER.example").normalizedDomain()).isEqualTo("xn--bcher-kva.example");
        // a zero width joiner outside the scripts where RFC 5892's CONTEXTJ rule allows it
        assertThatThrownBy(() -> EmailAddress.parse("a@ab\u200Dc.de".translateEscapes()))
                .isInstanceOf(InvalidAddressException.class).hasMessageContaining("contextj");
    }

    @Test
    void unicodeLocalPartNeedsSmtpUtf8() {
        assertThat(EmailAddress.parse("josé@example.com").requiresSmtpUtf8()).isTrue();
        assertThat(EmailAddress.parse("jose@example.com").requiresSmtpUtf8()).isFalse();
    }

    @Test
    void domainComparesIgnoringCaseButLocalPartDoesNot() {
        assertThat(EmailAddress.parse("Ana@Example.COM")).isEqualTo(EmailAddress.parse("Other <Ana@example.com>"));
        assertThat(EmailAddress.parse("Ana@Example.COM")).hasSameHashCodeAs(EmailAddress.parse("Ana@example.com"));
        assertThat(EmailAddress.parse("Ana@example.com")).isNotEqualTo(EmailAddress.parse("ana@example.com"));
        assertThat(EmailAddress.parse("a@bücher.example")).isEqualTo(EmailAddress.parse("a@XN--BCHER-KVA.example"));
    }

    @Test
    void listIsSplitOnCommasOutsideQuotes() {
        assertThat(EmailAddress.parseList("a@x.org, \"B, C\" <b@y.org>,c@z.org"))
                .extracting(EmailAddress::address)
                .containsExactly("a@x.org", "b@y.org", "c@z.org");
    }

    @Test
    void domainLiteralIsAccepted() {
        assertThat(EmailAddress.parse("postmaster@[192.0.2.1]").asciiDomain()).isEqualTo("[192.0.2.1]");
        assertThatThrownBy(() -> EmailAddress.parse("a@[300.1.1.1]")).isInstanceOf(InvalidAddressException.class);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("ana@exa\rmple.com", 7),
                Arguments.of("ana@example.com\n", 15),
                Arguments.of("an\u0000a@example.com", 2),
                Arguments.of("Ana\u2028<a@x.org>", 3),
                Arguments.of("ana.@example.com", 4),
                Arguments.of("ana..b@example.com", 4),
                Arguments.of("ana@", 4),
                Arguments.of("anaexample.com", 14),
                Arguments.of("ana@-bad-.com", 4),
                Arguments.of("Ana <ana@example.com", 20),
                Arguments.of("a@b.org, c@d.org", 7));
    }

    @ParameterizedTest(name = "[{index}] fails at {1}")
    @MethodSource("invalid")
    void invalidInputNamesThePosition(String input, int position) {
        assertThatThrownBy(() -> EmailAddress.parse(input))
                .isInstanceOfSatisfying(InvalidAddressException.class, e -> {
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.getMessage()).contains("position " + position).doesNotContain("\r", "\n");
                    assertThat(e.isRetrySafe()).isFalse();
                });
    }

    @Test
    void asciiHostNamesFollowTheLdhRules() {
        assertThat(EmailAddress.parse("a@Mail-1.Example.COM").asciiDomain()).isEqualTo("Mail-1.Example.COM");
        assertThatThrownBy(() -> EmailAddress.parse("a@exa_mple.com")).isInstanceOfSatisfying(InvalidAddressException.class,
                e -> assertThat(e.position()).isEqualTo(5));
        assertThatThrownBy(() -> EmailAddress.parse("a@example.-com")).isInstanceOfSatisfying(InvalidAddressException.class,
                e -> assertThat(e.position()).isEqualTo(10));
        assertThatThrownBy(() -> EmailAddress.parse("a@" + "x".repeat(64) + ".com")).hasMessageContaining("63");
        assertThat(EmailAddress.parse("a@" + "x".repeat(63) + ".com").domain()).hasSize(67);
    }

    @Test
    void overlongLocalPartIsRejected() {
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(65) + "@example.com"))
                .isInstanceOf(InvalidAddressException.class).hasMessageContaining("64");
    }

    @Test
    void displayNameWithControlCharacterIsRejected() {
        assertThatThrownBy(() -> EmailAddress.of("Evil\r\nBcc: x@y.org", "a@example.com"))
                .isInstanceOf(InvalidAddressException.class).hasMessageContaining("U+000D");
    }
}
