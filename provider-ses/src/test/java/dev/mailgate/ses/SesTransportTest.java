package dev.mailgate.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.Mailgate;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.core.validation.Violation;
import dev.mailgate.ses.rules.SesRules;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sends through a local STARTTLS server with SES SMTP credentials, as to email-smtp.<region>.amazonaws.com. */
class SesTransportTest {
    private static final String USER = "AKIAIOSFODNN7EXAMPLE";
    private static final String PASSWORD = "BExampleSmtpPasswordDerivedForTheRegion0123456";
    private TestSmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private SesConfig.Builder config() throws Exception {
        server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth(USER, PASSWORD).build().start();
        return SesConfig.builder().region("eu-west-1").credentials(USER, PASSWORD).host("localhost").port(server.port())
                .sslContext(TestCertificates.trustingClient()).smtp(b -> b.commandTimeout(Duration.ofSeconds(5)).maxAttempts(1));
    }

    private static EmailMessage.Builder receipt() {
        return EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Your receipt").text("Thank you.\n");
    }

    @Test
    void authenticatesAfterStartTlsAndTheDefaultConfigurationSetGoesOnTheWire() throws Exception {
        try (SmtpTransport t = SesTransport.create(config().configurationSet("receipts").build())) {
            t.send(receipt().header("X-SES-MESSAGE-TAGS", "campaign=black-friday").build());
            t.send(receipt().header(SesRules.CONFIGURATION_SET_HEADER, "special").build());
            var got = server.awaitMessages(2, Duration.ofSeconds(5));
            ReceivedMessage first = got.get(0);
            assertThat(first.tls()).isTrue();
            assertThat(first.authenticatedAs()).isEqualTo(USER);
            assertThat(first.contentAsString()).contains("\r\nX-SES-CONFIGURATION-SET: receipts\r\n").contains("\r\nX-SES-MESSAGE-TAGS: campaign=black-friday\r\n");
            assertThat(got.get(1).contentAsString()).contains("\r\nX-SES-CONFIGURATION-SET: special\r\n").doesNotContain("receipts");
        }
    }

    @Test
    void fiftyOneRecipientsAreRefusedBeforeConnecting() throws Exception {
        try (SmtpTransport t = SesTransport.create(config().build())) {
            EmailMessage.Builder b = receipt();
            for (int i = 0; i < 50; i++) {
                b.cc("r" + i + "@example.net");
            }
            assertThatThrownBy(() -> t.send(b.build())).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.violations()).extracting(Violation::ruleId).containsExactly(SesRules.MAX_RECIPIENTS));
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void theRegionPicksTheEndpointAndTheProviderIsFound() {
        assertThat(SesConfig.builder().region("eu-west-1").credentials(USER, PASSWORD).build().smtp().host())
                .isEqualTo("email-smtp.eu-west-1.amazonaws.com");
        assertThatThrownBy(() -> SesConfig.builder().region("Europe").credentials(USER, PASSWORD).build()).hasMessageContaining("region");
        assertThatThrownBy(() -> SesConfig.builder().region("eu-west-1").credentials(USER, PASSWORD).configurationSet("a b").build())
                .hasMessageContaining("configuration set");
        var p = Mailgate.provider("ses").orElseThrow();
        assertThat(p.codecs()).extracting(c -> c.format()).containsExactly("ses-sns");
        assertThat(p.rules()).hasSize(4);
        assertThat(SesProvider.config(Map.of("region", "us-east-1", "username", USER, "password", PASSWORD)).smtp().port()).isEqualTo(587);
        assertThatThrownBy(() -> p.createTransport(Map.of("region", "us-east-1"))).isInstanceOf(ProviderConfigException.class)
                .hasMessageContaining("username");
    }

    @Test
    void theTuningHookCannotSwitchOffHostNameVerificationOrTls() {
        // the preset promises verified, encrypted sessions (SmtpConfig.Builder.buildPreset, shared by every preset)
        assertThatThrownBy(() -> SesConfig.builder().region("eu-west-1").credentials(USER, PASSWORD).smtp(s -> s.verifyHostname(false)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Amazon SES preset always verifies");
        assertThatThrownBy(() -> SesConfig.builder().region("eu-west-1").credentials(USER, PASSWORD).smtp(s -> s.tlsMode(dev.mailgate.smtp.TlsMode.NONE).allowPlaintextAuth(true)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS mode NONE is refused");
    }
}
