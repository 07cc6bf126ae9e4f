package dev.mailgate.mailgun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.Mailgate;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.core.validation.Violation;
import dev.mailgate.mailgun.rules.MailgunRules;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sends through a local STARTTLS server with the domain's SMTP credentials, as to smtp.mailgun.org. */
class MailgunTransportTest {
    private static final String USER = "postmaster@mg.example.com";
    private static final String PASSWORD = "mailgun-smtp-password";
    private TestSmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private MailgunConfig config() throws Exception {
        server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth(USER, PASSWORD).build().start();
        return MailgunConfig.builder().credentials(USER, PASSWORD).host("localhost").port(server.port()).sslContext(TestCertificates.trustingClient())
                .smtp(b -> b.commandTimeout(Duration.ofSeconds(5)).maxAttempts(1)).build();
    }

    @Test
    void authenticatesAfterStartTlsAndTheMailgunHeadersGoOnTheWire() throws Exception {
        try (SmtpTransport t = MailgunTransport.create(config())) {
            t.send(EmailMessage.builder().from("shop@mg.example.com").to("jane@example.net").subject("Your receipt")
                    .header("X-Mailgun-Tag", "receipts").header("X-Mailgun-Variables", "{\"order_id\": \"A-1042\"}")
                    .header("X-Mailgun-Track-Clicks", "htmlonly").text("Thank you for your order.\n").build());
            ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(got.tls()).isTrue();
            assertThat(got.authenticatedAs()).isEqualTo(USER);
            assertThat(got.contentAsString()).contains("\r\nX-Mailgun-Tag: receipts\r\n")
                    .contains("\r\nX-Mailgun-Variables: {\"order_id\": \"A-1042\"}\r\n").contains("\r\nX-Mailgun-Track-Clicks: htmlonly\r\n");
        }
    }

    @Test
    void aFourthTagIsRefusedBeforeConnecting() throws Exception {
        try (SmtpTransport t = MailgunTransport.create(config())) {
            EmailMessage bad = EmailMessage.builder().from("shop@mg.example.com").to("jane@example.net").subject("Hi")
                    .header("X-Mailgun-Tag", "a").header("X-Mailgun-Tag", "b").header("X-Mailgun-Tag", "c").header("X-Mailgun-Tag", "d")
                    .text("x\n").build();
            assertThatThrownBy(() -> t.send(bad)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.violations()).extracting(Violation::ruleId).containsExactly(MailgunRules.TAGS));
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void theRegionPicksTheHostAndTheProviderIsFound() {
        assertThat(MailgunConfig.builder().credentials(USER, PASSWORD).build().smtp().host()).isEqualTo("smtp.mailgun.org");
        assertThat(MailgunConfig.builder().credentials(USER, PASSWORD).region(MailgunRegion.EU).build().smtp().host())
                .isEqualTo("smtp.eu.mailgun.org");
        var p = Mailgate.provider("mailgun").orElseThrow();
        assertThat(p.codecs()).extracting(c -> c.format()).containsExactly("mailgun-webhook");
        assertThat(p.rules()).hasSize(4);
        assertThat(MailgunProvider.config(Map.of("username", USER, "password", PASSWORD, "region", "EU")).smtp().host())
                .isEqualTo("smtp.eu.mailgun.org");
        assertThat(MailgunProvider.config(Map.of("username", USER, "password", PASSWORD)).smtp().port()).isEqualTo(587);
        assertThatThrownBy(() -> p.createTransport(Map.of("username", USER))).isInstanceOf(ProviderConfigException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> MailgunProvider.config(Map.of("username", USER, "password", PASSWORD, "region", "ap")))
                .isInstanceOf(ProviderConfigException.class).hasMessageContaining("region");
    }

    @Test
    void theTuningHookCannotSwitchOffHostNameVerificationOrTls() {
        // the preset promises verified, encrypted sessions (SmtpConfig.Builder.buildPreset, shared by every preset)
        assertThatThrownBy(() -> MailgunConfig.builder().credentials(USER, PASSWORD).smtp(s -> s.verifyHostname(false)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mailgun preset always verifies");
        assertThatThrownBy(() -> MailgunConfig.builder().credentials(USER, PASSWORD).smtp(s -> s.tlsMode(dev.mailgate.smtp.TlsMode.NONE).allowPlaintextAuth(true)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS mode NONE is refused");
    }
}
