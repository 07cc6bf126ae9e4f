package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.dkim.DkimSigner;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.testing.FakeTransport;
import dev.mailgate.testing.RecordingTransport;
import dev.mailgate.testing.SentMessage;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The test transports run the SMTP transport's own preparation, so they record the bytes and envelope it sends:
 * the default From, the provider's envelope step and the DKIM signature included (before, they rendered with their
 * own writer and missed all three).
 */
class PreparationChainTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T07:00:00Z"), ZoneOffset.UTC);

    @Test
    void aRecordingTransportGivenTheSmtpPreparationRecordsExactlyWhatTheServerReceived() throws Exception {
        var keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        DkimSigner signer = DkimSigner.builder("example.com", "s1", keys.getPrivate()).clock(CLOCK).build();
        EmailMessage message = EmailMessage.builder().to("ana@example.org").subject("Newsletter").messageId("n1@example.com")
                .text("Hello,\n.\na line with a dot\n").build();
        try (TestSmtpServer server = TestSmtpServer.builder().build().start();
             SmtpTransport smtp = SmtpTransport.builder(SmtpConfig.builder("localhost").port(server.port()).tlsMode(TlsMode.NONE)
                             .defaultFrom(EmailAddress.parse("news@example.com")).commandTimeout(Duration.ofSeconds(5)).build())
                     .writer(MimeWriter.builder().clock(CLOCK).build())
                     // A provider's envelope policy, as CloudMailin's: MAIL FROM on the envelope subdomain.
                     .step(m -> ((EmailMessage) m).toBuilder().envelopeFrom(EmailAddress.parse("bounces@mail.example.com")).build())
                     .dkim(signer).build()) {
            smtp.send(message);
            ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);

            RecordingTransport recording = new RecordingTransport(smtp.preparation());
            recording.send(message);
            SentMessage recorded = recording.last();

            assertThat(recorded.message()).as("the message as the caller passed it").isSameAs(message);
            assertThat(recorded.rendered().bytes()).as("byte for byte what SMTP sent (before dot-stuffing)").isEqualTo(got.content());
            assertThat(recorded.rendered().envelope().mailFrom()).contains(EmailAddress.parse("bounces@mail.example.com"));
            assertThat(got.mailFrom()).isEqualTo("bounces@mail.example.com");
            String sent = new String(recorded.rendered().bytes(), StandardCharsets.UTF_8);
            assertThat(sent).startsWith("DKIM-Signature: ").contains("From: news@example.com");

            FakeTransport fake = FakeTransport.builder().preparation(smtp.preparation()).build();
            fake.send(message);
            assertThat(fake.sent().get(0).rendered().bytes()).isEqualTo(got.content());
        }
    }
}
