package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.AuthenticationException;
import dev.mailgate.core.transport.SendReceipt;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.InputStream;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SMTP client against GreenMail, an independent server implementation: plain SMTP, SMTPS and AUTH. */
class SmtpTransportGreenMailTest {
    private static final ServerSetup[] SETUPS = ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS});

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(SETUPS)
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("sender@example.com", "sender", "s3cret"));

    private static EmailMessage newsletter() {
        return EmailMessage.builder()
                .from("José Müller <sender@example.com>")
                .to("reader@example.org")
                .subject("Grüße aus Köln")
                .text("Plain text, with ümlauts.\n.\nA dot line.")
                .html("<p>HTML</p>")
                .attach(Attachment.of("report.csv", "a,b\n1,2\n".getBytes(), "text/csv"))
                .build();
    }

    @Test
    void plainSmtpWithAuthDeliversEveryPart() throws Exception {
        SmtpConfig config = SmtpConfig.builder("127.0.0.1").port(GREENMAIL.getSmtp().getPort()).tlsMode(TlsMode.NONE)
                .credentials("sender", "s3cret").allowPlaintextAuth(true).build();
        EmailMessage m = newsletter();
        SendReceipt receipt;
        try (SmtpTransport smtp = SmtpTransport.create(config)) {
            receipt = smtp.send(m);
        }
        assertThat(receipt.allAccepted()).isTrue();
        assertThat(GREENMAIL.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage got = GREENMAIL.getReceivedMessages()[0];
        assertThat(got.getSubject()).isEqualTo("Grüße aus Köln");
        assertThat(got.getMessageID()).isEqualTo("<" + m.messageId().orElseThrow() + ">");
        assertThat(((InternetAddress) got.getFrom()[0]).getPersonal()).isEqualTo("José Müller");
        assertThat(got.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("reader@example.org");
        MimeMultipart mixed = (MimeMultipart) got.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getBodyPart(0).getContent().toString()).isEqualTo("Plain text, with ümlauts.\r\n.\r\nA dot line.");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("report.csv");
    }

    @Test
    void smtpsImplicitTlsWithACustomTrustStore() throws Exception {
        // GreenMail's certificate names no host, so host-name checking is switched off here, explicitly; the
        // certificate itself is still verified against the trust store holding it.
        SmtpConfig config = SmtpConfig.builder("127.0.0.1").port(GREENMAIL.getSmtps().getPort()).tlsMode(TlsMode.IMPLICIT)
                .sslContext(greenMailTrust()).verifyHostname(false).credentials("sender", "s3cret").build();
        try (SmtpTransport smtp = SmtpTransport.create(config)) {
            smtp.send(newsletter());
        }
        assertThat(GREENMAIL.waitForIncomingEmail(5000, 1)).isTrue();
    }

    @Test
    void smtpsWithTheDefaultTrustStoreRefusesTheSelfSignedCertificate() {
        SmtpConfig config = SmtpConfig.builder("127.0.0.1").port(GREENMAIL.getSmtps().getPort()).tlsMode(TlsMode.IMPLICIT)
                .connectTimeout(Duration.ofSeconds(5)).maxAttempts(1).build();
        try (SmtpTransport smtp = SmtpTransport.create(config)) {
            assertThatThrownBy(() -> smtp.send(newsletter())).hasMessageContaining("TLS handshake");
        }
        assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
    }

    @Test
    void wrongPasswordIsRefusedByGreenMail() {
        SmtpConfig config = SmtpConfig.builder("127.0.0.1").port(GREENMAIL.getSmtp().getPort()).tlsMode(TlsMode.NONE)
                .credentials("sender", "wrong").allowPlaintextAuth(true).build();
        try (SmtpTransport smtp = SmtpTransport.create(config)) {
            assertThatThrownBy(() -> smtp.send(newsletter())).isInstanceOf(AuthenticationException.class).hasMessageContaining("535");
        }
    }

    private static SSLContext greenMailTrust() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = GreenMailExtension.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            ks.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
