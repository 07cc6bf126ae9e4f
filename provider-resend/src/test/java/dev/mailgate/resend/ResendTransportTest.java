package dev.mailgate.resend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.Mailgate;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.core.validation.Violation;
import dev.mailgate.resend.rules.ResendRules;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.smtp.TlsMode;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sends through a local server that, like smtp.resend.com, takes AUTH as "resend" and the API key, over STARTTLS or SMTPS. */
class ResendTransportTest {
    private static final String KEY = "re_123456789_abcdefghijklmnopqrstuv";
    private TestSmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void authenticatesAsResendAfterStartTlsAndTheHeadersGoOnTheWire() throws Exception {
        server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("resend", KEY).build().start();
        ResendConfig config = ResendConfig.builder().apiKey(KEY).host("localhost").port(server.port()).sslContext(TestCertificates.trustingClient())
                .smtp(b -> b.commandTimeout(Duration.ofSeconds(5)).maxAttempts(1)).build();
        try (SmtpTransport t = ResendTransport.create(config)) {
            t.send(EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Your receipt")
                    .header("Resend-Idempotency-Key", "receipt/A-1042").header("X-Entity-Ref-ID", "A-1042").text("Thank you for your order.\n").build());
            ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(got.tls()).isTrue();
            assertThat(got.authenticatedAs()).isEqualTo("resend");
            assertThat(got.contentAsString()).contains("\r\nResend-Idempotency-Key: receipt/A-1042\r\n").contains("\r\nX-Entity-Ref-ID: A-1042\r\n");
            assertThat(indexOf("STARTTLS")).isGreaterThanOrEqualTo(0).isLessThan(indexOf("AUTH"));
        }
    }

    @Test
    void aTooLongIdempotencyKeyIsRefusedBeforeConnecting() throws Exception {
        server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("resend", KEY).build().start();
        ResendConfig config = ResendConfig.builder().apiKey(KEY).host("localhost").port(server.port()).sslContext(TestCertificates.trustingClient())
                .smtp(b -> b.commandTimeout(Duration.ofSeconds(5)).maxAttempts(1)).build();
        try (SmtpTransport t = ResendTransport.create(config)) {
            EmailMessage bad = EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Hi")
                    .header("Resend-Idempotency-Key", "k".repeat(257)).text("x\n").build();
            assertThatThrownBy(() -> t.send(bad)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.violations()).extracting(Violation::ruleId).containsExactly(ResendRules.IDEMPOTENCY_KEY));
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void theProviderIsFoundAndItsPortsPickTheTlsMode() {
        var p = Mailgate.provider("resend").orElseThrow();
        assertThat(p.codecs()).extracting(c -> c.format()).containsExactly("resend-webhook");
        assertThat(p.rules()).hasSize(2);
        assertThatThrownBy(() -> p.createTransport(Map.of())).isInstanceOf(ProviderConfigException.class).hasMessageContaining("api-key");
        ResendConfig c = ResendProvider.config(Map.of("api-key", KEY));
        assertThat(c.smtp().host()).isEqualTo("smtp.resend.com");
        assertThat(c.smtp().port()).isEqualTo(587);
        assertThat(c.smtp().tlsMode()).isEqualTo(TlsMode.STARTTLS_REQUIRED);
        assertThat(c.smtp().username()).contains("resend");
        assertThat(ResendProvider.config(Map.of("api-key", KEY, "port", "465")).smtp().tlsMode()).isEqualTo(TlsMode.IMPLICIT);
        assertThat(ResendProvider.config(Map.of("api-key", KEY, "port", "2465")).smtp().tlsMode()).isEqualTo(TlsMode.IMPLICIT);
        assertThat(ResendProvider.config(Map.of("api-key", KEY, "port", "2587")).smtp().tlsMode()).isEqualTo(TlsMode.STARTTLS_REQUIRED);
        assertThatThrownBy(() -> ResendProvider.config(Map.of("api-key", KEY, "port", "2525"))).hasMessageContaining("not on 2525");
        assertThatThrownBy(() -> ResendConfig.builder().apiKey(KEY + "\n").build()).hasMessageContaining("line break");
        assertThatThrownBy(() -> ResendConfig.builder().apiKey(KEY).smtp(s -> s.verifyHostname(false)).build())
                .hasMessageContaining("Resend preset always verifies");
    }

    private int indexOf(String command) {
        for (int i = 0; i < server.commands().size(); i++) {
            if (server.commands().get(i).startsWith(command)) {
                return i;
            }
        }
        return -1;
    }
}
