package dev.mailgate.mailjet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.Mailgate;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.core.validation.Violation;
import dev.mailgate.mailjet.rules.MailjetRules;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.smtp.TlsMode;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sends through a local STARTTLS server with an API key and secret key, as to in-v3.mailjet.com. */
class MailjetTransportTest {
    private static final String API_KEY = "6d1a5f56e678439eb7baef1e079e36dd";
    private static final String SECRET = "0f3b1c9e2d4a4b6f8a7c5e3d1b9f7a2c";
    private TestSmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private MailjetConfig config() throws Exception {
        server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth(API_KEY, SECRET).build().start();
        return MailjetConfig.builder().credentials(API_KEY, SECRET).host("localhost").port(server.port()).sslContext(TestCertificates.trustingClient())
                .smtp(b -> b.commandTimeout(Duration.ofSeconds(5)).maxAttempts(1)).build();
    }

    @Test
    void authenticatesAfterStartTlsAndTheMailjetHeadersGoOnTheWire() throws Exception {
        try (SmtpTransport t = MailjetTransport.create(config())) {
            t.send(EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Your receipt")
                    .header("X-MJ-CustomID", "order-A-1042").header("X-MJ-EventPayload", "{\"order_id\": \"A-1042\"}")
                    .header("X-Mailjet-Campaign", "receipts").header("X-Mailjet-TrackOpen", "0").text("Thank you for your order.\n").build());
            ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(got.tls()).isTrue();
            assertThat(got.authenticatedAs()).isEqualTo(API_KEY);
            assertThat(server.commands()).anyMatch(c -> c.startsWith("STARTTLS")).anyMatch(c -> c.startsWith("AUTH"));
            assertThat(got.contentAsString()).contains("\r\nX-MJ-CustomID: order-A-1042\r\n")
                    .contains("\r\nX-MJ-EventPayload: {\"order_id\": \"A-1042\"}\r\n").contains("\r\nX-Mailjet-Campaign: receipts\r\n")
                    .contains("\r\nX-Mailjet-TrackOpen: 0\r\n");
        }
    }

    @Test
    void aSecondCustomIdIsRefusedBeforeConnecting() throws Exception {
        try (SmtpTransport t = MailjetTransport.create(config())) {
            EmailMessage bad = EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Hi")
                    .header("X-MJ-CustomID", "a").header("X-MJ-CustomID", "b").text("x\n").build();
            assertThatThrownBy(() -> t.send(bad)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.violations()).extracting(Violation::ruleId).containsExactly(MailjetRules.TRACKING_HEADERS));
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void theDefaultsAndTheProviderAreFound() {
        MailjetConfig c = MailjetConfig.builder().credentials(API_KEY, SECRET).build();
        assertThat(c.smtp().host()).isEqualTo("in-v3.mailjet.com");
        assertThat(c.smtp().port()).isEqualTo(587);
        assertThat(c.smtp().tlsMode()).isEqualTo(TlsMode.STARTTLS_REQUIRED);
        assertThat(MailjetConfig.builder().credentials(API_KEY, SECRET).port(465).build().smtp().tlsMode()).isEqualTo(TlsMode.IMPLICIT);
        var p = Mailgate.provider("mailjet").orElseThrow();
        assertThat(p.codecs()).extracting(x -> x.format()).containsExactly("mailjet-webhook");
        assertThat(p.rules()).hasSize(2);
        assertThat(MailjetProvider.config(Map.of("api-key", API_KEY, "secret-key", SECRET, "port", "2525")).smtp().port()).isEqualTo(2525);
        assertThatThrownBy(() -> p.createTransport(Map.of("api-key", API_KEY))).isInstanceOf(ProviderConfigException.class)
                .hasMessageContaining("secret-key");
        assertThatThrownBy(() -> MailjetProvider.config(Map.of("api-key", API_KEY, "secret-key", API_KEY)))
                .isInstanceOf(ProviderConfigException.class).hasMessageContaining("secret key");
        assertThatThrownBy(() -> MailjetConfig.builder().credentials(API_KEY, SECRET).smtp(s -> s.tlsMode(TlsMode.NONE).allowPlaintextAuth(true)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS mode NONE is refused");
    }
}
