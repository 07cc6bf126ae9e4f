package dev.mailgate.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.Mailgate;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.core.validation.Violation;
import dev.mailgate.sendgrid.rules.SendGridRules;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sends through a local STARTTLS server that, like smtp.sendgrid.net, takes AUTH as "apikey" and the key. */
class SendGridTransportTest {
    private static final String KEY = "SG.test-key.abcdefghijklmnopqrstuvwxyz0123456789";
    private TestSmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private SendGridConfig config() throws Exception {
        server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("apikey", KEY).build().start();
        return SendGridConfig.builder().apiKey(KEY).host("localhost").port(server.port()).sslContext(TestCertificates.trustingClient())
                .smtp(b -> b.commandTimeout(Duration.ofSeconds(5)).maxAttempts(1)).build();
    }

    @Test
    void authenticatesAsApikeyAfterStartTlsAndTheSmtpApiHeaderGoesOnTheWire() throws Exception {
        try (SmtpTransport t = SendGridTransport.create(config())) {
            t.send(EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Your receipt")
                    .header("X-SMTPAPI", "{\"category\":[\"receipts\"],\"unique_args\":{\"order_id\":\"A-1042\"}}")
                    .text("Thank you for your order.\n").build());
            ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(got.tls()).isTrue();
            assertThat(got.authenticatedAs()).isEqualTo("apikey");
            assertThat(got.contentAsString()).contains("\r\nX-SMTPAPI: {\"category\":[\"receipts\"],\"unique_args\":{\"order_id\":\"A-1042\"}}\r\n");
            assertThat(server.commands()).filteredOn(c -> c.startsWith("AUTH")).isNotEmpty();
            assertThat(server.commands().indexOf("STARTTLS")).isLessThan(indexOfAuth());
        }
    }

    @Test
    void aBrokenSmtpApiHeaderIsRefusedBeforeConnecting() throws Exception {
        try (SmtpTransport t = SendGridTransport.create(config())) {
            EmailMessage bad = EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Hi")
                    .header("X-SMTPAPI", "{\"unique_args\": {\"order_id\": 1042}").text("x\n").build();
            assertThatThrownBy(() -> t.send(bad)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.violations()).extracting(Violation::ruleId).containsExactly(SendGridRules.VALID_JSON));
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void theKeyMustNotCarryALineBreakAndTheProviderIsFound() {
        assertThatThrownBy(() -> SendGridConfig.builder().apiKey("SG.abc\n").build()).hasMessageContaining("line break");
        var p = Mailgate.provider("sendgrid").orElseThrow();
        assertThat(p.codecs()).extracting(c -> c.format()).containsExactly("sendgrid-event-webhook");
        assertThat(p.rules()).hasSize(5);
        assertThatThrownBy(() -> p.createTransport(Map.of())).isInstanceOf(ProviderConfigException.class).hasMessageContaining("api-key");
        assertThat(SendGridProvider.config(Map.of("api-key", KEY)).smtp().host()).isEqualTo("smtp.sendgrid.net");
        assertThat(SendGridProvider.config(Map.of("api-key", KEY)).smtp().port()).isEqualTo(587);
        assertThat(SendGridProvider.config(Map.of("api-key", KEY)).smtp().username()).contains("apikey");
    }

    private int indexOfAuth() {
        for (int i = 0; i < server.commands().size(); i++) {
            if (server.commands().get(i).startsWith("AUTH")) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theTuningHookCannotSwitchOffHostNameVerificationOrTls() {
        // the preset promises verified, encrypted sessions (SmtpConfig.Builder.buildPreset, shared by every preset)
        assertThatThrownBy(() -> SendGridConfig.builder().apiKey("SG.key").smtp(s -> s.verifyHostname(false)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SendGrid preset always verifies");
        assertThatThrownBy(() -> SendGridConfig.builder().apiKey("SG.key").smtp(s -> s.tlsMode(dev.mailgate.smtp.TlsMode.NONE).allowPlaintextAuth(true)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS mode NONE is refused");
    }
}
