package dev.mailgate.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.address.EmailAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailMessageTest {

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nBcc: evil@x.org", "a\nb", "a\rb", "a\u0000b", "a\u0085b", "a\u2028b", "a\u2029b", "a\u007fb"})
    void headerValuesWithLineBreaksOrControlsAreRefused(String value) {
        assertThatThrownBy(() -> EmailMessage.builder().header("X-Test", value)).isInstanceOf(InvalidHeaderException.class)
                .hasMessageContaining("X-Test");
        assertThatThrownBy(() -> EmailMessage.builder().subject(value)).isInstanceOf(InvalidHeaderException.class)
                .hasMessageContaining("subject");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X Bad", "X:Bad", "", "Ünicode", "X-\r\n"})
    void illegalHeaderNamesAreRefused(String name) {
        assertThatThrownBy(() -> EmailMessage.builder().header(name, "v")).isInstanceOf(InvalidHeaderException.class);
    }

    @Test
    void fieldsWithTheirOwnMethodCannotBeSetAsCustomHeaders() {
        assertThatThrownBy(() -> EmailMessage.builder().header("bcc", "x@y.org"))
                .isInstanceOf(InvalidHeaderException.class).hasMessageContaining("own builder method");
    }

    @Test
    void wordsTooLongForALineAreRefused() {
        assertThatThrownBy(() -> EmailMessage.builder().header("X-Long", "x".repeat(997)))
                .isInstanceOf(InvalidHeaderException.class).hasMessageContaining("998");
    }

    @Test
    void messageIdIsGeneratedFromTheFromDomainAndKeptOnCopies() {
        EmailMessage m = EmailMessage.builder().from("a@Bücher.example").to("b@x.org")
                .messageIdGenerator(MessageIdGenerator.sequential("t")).build();
        assertThat(m.messageId()).contains("t.1@xn--bcher-kva.example");
        assertThat(m.toBuilder().subject("changed").build().messageId()).isEqualTo(m.messageId());
    }

    @Test
    void envelopeFollowsSenderThenFromAndDeduplicatesRecipients() {
        EmailMessage m = EmailMessage.builder().from("a@x.org").to("b@x.org, c@x.org").cc("b@x.org").bcc("d@x.org").build();
        assertThat(m.envelope().mailFrom()).contains(EmailAddress.parse("a@x.org"));
        assertThat(m.envelope().recipients()).extracting(EmailAddress::address).containsExactly("b@x.org", "c@x.org", "d@x.org");
        EmailMessage withSender = m.toBuilder().sender(EmailAddress.parse("s@x.org")).build();
        assertThat(withSender.envelope().mailFrom()).contains(EmailAddress.parse("s@x.org"));
        EmailMessage overridden = m.toBuilder().envelopeFrom(EmailAddress.parse("bounces+1@mta.x.org")).build();
        assertThat(overridden.envelope().mailFrom()).contains(EmailAddress.parse("bounces+1@mta.x.org"));
        assertThat(overridden.hasEnvelopeFromOverride()).isTrue();
    }

    @Test
    void oneClickUnsubscribeNeedsHttps() {
        assertThatThrownBy(() -> EmailMessage.builder().listUnsubscribeOneClick(URI.create("mailto:u@x.org")))
                .isInstanceOf(InvalidHeaderException.class).hasMessageContaining("RFC 8058");
    }

    @Test
    void inlinePartNeedsAContentId() {
        assertThatThrownBy(() -> new Attachment(java.util.Optional.empty(), "image/png", ContentSource.of(new byte[1]),
                Disposition.INLINE, java.util.Optional.empty())).isInstanceOf(InvalidHeaderException.class);
        assertThatThrownBy(() -> Attachment.inline("bad id@x", new byte[1], "image/png")).isInstanceOf(InvalidHeaderException.class);
        assertThatThrownBy(() -> Attachment.of("x.bin", new byte[1], "not a type")).isInstanceOf(InvalidHeaderException.class);
    }

    @Test
    void rawMessageNormalizesBareLineBreaksAndDerivesItsEnvelope() {
        byte[] eml = "From: a@x.org\nTo: b@y.org, C <c@y.org>\nMessage-ID: <m1@x.org>\nSubject: hi\n\nline\rtwo\n".getBytes(StandardCharsets.UTF_8);
        RawMessage raw = RawMessage.of(eml);
        assertThat(new String(raw.bytes(), StandardCharsets.US_ASCII))
                .isEqualTo("From: a@x.org\r\nTo: b@y.org, C <c@y.org>\r\nMessage-ID: <m1@x.org>\r\nSubject: hi\r\n\r\nline\r\ntwo\r\n");
        assertThat(raw.envelope().mailFrom()).contains(EmailAddress.parse("a@x.org"));
        assertThat(raw.envelope().recipients()).extracting(EmailAddress::address).containsExactly("b@y.org", "c@y.org");
        assertThat(raw.messageId()).contains("m1@x.org");
    }

    @Test
    void rawMessageWithBccHeaderIsRefusedWithoutAnExplicitEnvelope() {
        byte[] eml = "From: a@x.org\r\nTo: b@y.org\r\nBcc: secret@y.org\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> RawMessage.of(eml)).isInstanceOf(InvalidHeaderException.class).hasMessageContaining("Bcc");
        RawMessage explicit = RawMessage.of(eml, Envelope.of(EmailAddress.parse("a@x.org"), java.util.List.of(EmailAddress.parse("b@y.org"))));
        assertThat(explicit.envelope().recipients()).hasSize(1);
    }

    @Test
    void fromTakesADisplayNameAndAnAddressSeparately() {
        // where people look for it (issue 24): the name is not parsed, so a comma or a quote in it is just text
        EmailMessage m = EmailMessage.builder().from("Müller, Ana \"AM\"", "ana@example.com").to("b@example.org").build();
        assertThat(m.from()).hasValueSatisfying(f -> {
            assertThat(f.displayName()).contains("Müller, Ana \"AM\"");
            assertThat(f.address()).isEqualTo("ana@example.com");
        });
    }
}
