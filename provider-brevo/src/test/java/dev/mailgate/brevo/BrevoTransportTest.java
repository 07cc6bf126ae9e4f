package dev.mailgate.brevo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.brevo.rules.BrevoRules;
import dev.mailgate.core.Mailgate;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.core.validation.Violation;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.smtp.TlsMode;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sends through a local STARTTLS (and implicit TLS) server with an SMTP login and key, as to smtp-relay.brevo.com. */
class BrevoTransportTest {
    private static final String LOGIN = "8a1b2c001@smtp-brevo.com";
    private static final String KEY = "xsmtpsib-0123456789abcdef-AbCdEf";
    private TestSmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private BrevoConfig config(boolean implicit) throws Exception {
        TestSmtpServer.Builder b = TestSmtpServer.builder().auth(LOGIN, KEY);
        server = (implicit ? b.implicitTls(TestCertificates.localhostServer()) : b.startTls(TestCertificates.localhostServer())).build().start();
        // the test server listens on a free port; port() picks the TLS mode, so the implicit case sets it after
        BrevoConfig.Builder c = BrevoConfig.builder().credentials(LOGIN, KEY).host("localhost").port(server.port())
                .sslContext(TestCertificates.trustingClient());
        return c.smtp(s -> {
            s.commandTimeout(Duration.ofSeconds(5)).maxAttempts(1);
            if (implicit) {
                s.tlsMode(TlsMode.IMPLICIT);
            }
        }).build();
    }

    @Test
    void authenticatesAfterStartTlsAndTheBrevoHeadersGoOnTheWire() throws Exception {
        try (SmtpTransport t = BrevoTransport.create(config(false))) {
            t.send(EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Your receipt")
                    .header("X-Mailin-custom", "{\"order_id\": \"A-1042\"}").header("X-Mailin-Tag", "receipts")
                    .text("Thank you for your order.\n").attach(Attachment.of("receipt.pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII), "application/pdf"))
                    .build());
            ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(got.tls()).isTrue();
            assertThat(got.authenticatedAs()).isEqualTo(LOGIN);
            assertThat(server.commands()).anyMatch(c -> c.startsWith("STARTTLS")).anyMatch(c -> c.startsWith("AUTH"));
            assertThat(got.contentAsString()).contains("\r\nX-Mailin-custom: {\"order_id\": \"A-1042\"}\r\n").contains("\r\nX-Mailin-Tag: receipts\r\n");
        }
    }

    @Test
    void port465IsTlsFromTheStart() throws Exception {
        try (SmtpTransport t = BrevoTransport.create(config(true))) {
            t.send(EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Hi").text("x\n").build());
            ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(got.tls()).isTrue();
            assertThat(server.commands()).noneMatch(c -> c.startsWith("STARTTLS"));
        }
        assertThat(BrevoConfig.builder().credentials(LOGIN, KEY).port(465).build().smtp().tlsMode()).isEqualTo(TlsMode.IMPLICIT);
    }

    @Test
    void anExecutableAttachmentIsRefusedBeforeConnecting() throws Exception {
        try (SmtpTransport t = BrevoTransport.create(config(false))) {
            EmailMessage bad = EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Hi").text("x\n")
                    .attach(Attachment.of("setup.exe", new byte[] {'M', 'Z'}, "application/octet-stream")).build();
            assertThatThrownBy(() -> t.send(bad)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.violations()).extracting(Violation::ruleId).containsExactly(BrevoRules.ATTACHMENT_TYPES));
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void theDefaultsAndTheProviderAreFoundAndAnApiKeyIsRefused() {
        BrevoConfig c = BrevoConfig.builder().credentials(LOGIN, KEY).build();
        assertThat(c.smtp().host()).isEqualTo("smtp-relay.brevo.com");
        assertThat(c.smtp().port()).isEqualTo(587);
        assertThat(c.smtp().tlsMode()).isEqualTo(TlsMode.STARTTLS_REQUIRED);
        var p = Mailgate.provider("brevo").orElseThrow();
        assertThat(p.codecs()).extracting(x -> x.format()).containsExactly("brevo-webhook");
        assertThat(p.rules()).hasSize(3);
        assertThat(BrevoProvider.config(Map.of("login", LOGIN, "smtp-key", KEY, "port", "2525")).smtp().port()).isEqualTo(2525);
        assertThatThrownBy(() -> p.createTransport(Map.of("login", LOGIN))).isInstanceOf(ProviderConfigException.class).hasMessageContaining("smtp-key");
        assertThatThrownBy(() -> BrevoProvider.config(Map.of("login", LOGIN, "smtp-key", "xkeysib-abc")))
                .isInstanceOf(ProviderConfigException.class).hasMessageContaining("API key").hasMessageContaining("smtp-key");
        assertThatThrownBy(() -> BrevoConfig.builder().credentials(LOGIN, KEY).smtp(s -> s.verifyHostname(false)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Brevo preset always verifies");
    }
}
