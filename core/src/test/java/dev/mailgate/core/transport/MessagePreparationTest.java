package dev.mailgate.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.dkim.DkimSigner;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain every transport runs: default From, steps in order, render with SMTPUTF8 decided once, validate, DKIM. */
class MessagePreparationTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T07:00:00Z"), ZoneOffset.UTC);
    private static final MimeWriter WRITER = MimeWriter.builder().clock(CLOCK).build();

    private static EmailMessage.Builder message() {
        return EmailMessage.builder().to("ana@example.org").subject("hi").messageId("m1@example.com").text("Hello");
    }

    @Test
    void theDefaultFromComesFirstThenTheStepsInOrderThenRenderValidateAndSign() throws Exception {
        List<String> seen = new ArrayList<>();
        var keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        DkimSigner signer = DkimSigner.builder("example.com", "s1", keys.getPrivate()).clock(CLOCK).build();
        MessagePreparation preparation = MessagePreparation.builder().writer(WRITER)
                .defaultFrom(EmailAddress.parse("news@example.com"))
                .step(m -> {
                    seen.add("envelope, From=" + ((EmailMessage) m).from().orElseThrow().address());
                    return ((EmailMessage) m).toBuilder().envelopeFrom(EmailAddress.parse("bounces@mail.example.com")).build();
                })
                .step(m -> {
                    seen.add("header, MAIL FROM=" + m.envelope().mailFrom().orElseThrow().address());
                    return ((EmailMessage) m).toBuilder().header("X-Campaign", "c1").build();
                })
                .dkim(signer).build();

        MessagePreparation.Prepared p = preparation.prepare(message().build());

        assertThat(seen).containsExactly("envelope, From=news@example.com", "header, MAIL FROM=bounces@mail.example.com");
        assertThat(p.rendered().envelope().mailFrom()).contains(EmailAddress.parse("bounces@mail.example.com"));
        String sent = new String(p.rendered().bytes(), StandardCharsets.UTF_8);
        assertThat(sent).startsWith("DKIM-Signature: ").contains("\r\nX-Campaign: c1\r\n").contains("From: news@example.com");
        // The signature is over exactly the validated rendering: the signed bytes are it, with the field in front.
        byte[] unsigned = WRITER.render(p.message()).bytes();
        assertThat(sent).endsWith(new String(unsigned, StandardCharsets.UTF_8));
        assertThat(p.smtpUtf8()).isFalse();
    }

    @Test
    void smtpUtf8IsDecidedOnceFromTheAddressesAndTheWriterIsToldSo() {
        MessagePreparation preparation = MessagePreparation.builder().writer(WRITER).build();
        MessagePreparation.Prepared ascii = preparation.prepare(message().from("news@example.com").build());
        MessagePreparation.Prepared utf8 = preparation.prepare(message().from("grüße@example.com").build());
        assertThat(ascii.smtpUtf8()).isFalse();
        assertThat(utf8.smtpUtf8()).isTrue();
        // RFC 6532: with SMTPUTF8 the address goes into the header as UTF-8, not as an encoded-word.
        assertThat(new String(utf8.rendered().bytes(), StandardCharsets.UTF_8)).contains("From: grüße@example.com");
        // A writer that would put raw UTF-8 into headers is held to the decision for an ASCII-only message.
        MessagePreparation lenient = MessagePreparation.builder().writer(WRITER.withSmtpUtf8(true)).build();
        String subject = new String(lenient.prepare(message().from("news@example.com").subject("Grüße").build()).rendered().bytes(),
                StandardCharsets.UTF_8);
        assertThat(subject).contains("Subject: =?UTF-8?").doesNotContain("Subject: Grüße");
    }

    @Test
    void validationRunsOnWhatTheStepsMadeAndAStepsFailureIsThrownAsItIs() {
        OutboundMessage noFrom = message().build();
        assertThatThrownBy(() -> MessagePreparation.standard().prepare(noFrom)).isInstanceOf(ValidationException.class);
        IllegalStateException broken = new IllegalStateException("no VERP secret");
        assertThatThrownBy(() -> MessagePreparation.builder().step(m -> {
            throw broken;
        }).build().prepare(noFrom)).isSameAs(broken);
    }

    @Test
    void aTransportChoosesTheBodyFormPerSessionAndAPreparedMessageIsRenderedAgainWithoutItsSteps() {
        List<String> steps = new ArrayList<>();
        MessagePreparation preparation = MessagePreparation.builder().writer(MimeWriter.builder().clock(CLOCK).boundaries(() -> "b").build())
                .step(m -> {
                    steps.add("ran");
                    return m;
                }).build();
        EmailMessage m = message().from("news@example.com").text("Viele Grüße aus Köln, wir freuen uns auf das Wiedersehen im Dezember\n").build();

        MessagePreparation.Prepared eight = preparation.prepare(m, true);
        MessagePreparation.Prepared seven = preparation.prepare(m, false);
        // The 7-bit form is exactly what prepare(message) has always made.
        assertThat(seven.rendered().bytes()).isEqualTo(preparation.prepare(m).rendered().bytes());
        assertThat(new String(seven.rendered().bytes(), StandardCharsets.UTF_8)).contains("Content-Transfer-Encoding: quoted-printable");
        // RFC 6152: 8bit text bodies; the headers stay 7-bit (no SMTPUTF8 needed).
        assertThat(new String(eight.rendered().bytes(), StandardCharsets.UTF_8))
                .contains("Content-Transfer-Encoding: 8bit\r\n\r\nViele Grüße aus Köln, wir freuen uns auf das Wiedersehen im Dezember\r\n").contains("Subject: hi");
        assertThat(eight.rendered().eightBit()).isTrue();
        steps.clear();
        MessagePreparation.Prepared again = preparation.again(eight, false);
        assertThat(steps).as("the steps' result is kept").isEmpty();
        assertThat(again.message()).isSameAs(eight.message());
        assertThat(again.rendered().bytes()).isEqualTo(seven.rendered().bytes());
    }
}
