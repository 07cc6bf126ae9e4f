package dev.mailgate.sparkpost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.Mailgate;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.core.validation.Violation;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.sparkpost.rules.SparkPostRules;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sends through a local STARTTLS server that, like smtp.sparkpostmail.com, takes AUTH as SMTP_Injection and the API key. */
class SparkPostTransportTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef01234567";
    private TestSmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private SparkPostConfig config() throws Exception {
        server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("SMTP_Injection", KEY).build().start();
        return SparkPostConfig.builder().apiKey(KEY).host("localhost").port(server.port()).sslContext(TestCertificates.trustingClient())
                .smtp(b -> b.commandTimeout(Duration.ofSeconds(5)).maxAttempts(1)).build();
    }

    @Test
    void authenticatesAsSmtpInjectionAfterStartTlsAndTheXMsysApiHeaderGoesOnTheWire() throws Exception {
        try (SmtpTransport t = SparkPostTransport.create(config())) {
            String api = "{\"campaign_id\":\"receipts\",\"metadata\":{\"order_id\":\"A-1042\"},\"options\":{\"transactional\":true}}";
            t.send(EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Your receipt").header("X-MSYS-API", api)
                    .text("Thank you for your order.\n").build());
            ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(got.tls()).isTrue();
            assertThat(got.authenticatedAs()).isEqualTo("SMTP_Injection");
            assertThat(got.contentAsString()).contains("\r\nX-MSYS-API: " + api + "\r\n");
            assertThat(indexOf("STARTTLS")).isGreaterThanOrEqualTo(0).isLessThan(indexOf("AUTH"));
        }
    }

    @Test
    void aBrokenXMsysApiHeaderIsRefusedBeforeConnecting() throws Exception {
        try (SmtpTransport t = SparkPostTransport.create(config())) {
            EmailMessage bad = EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Hi")
                    .header("X-MSYS-API", "{\"options\": {\"open_tracking\": \"no\"}}").text("x\n").build();
            assertThatThrownBy(() -> t.send(bad)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.violations()).extracting(Violation::ruleId).containsExactly(SparkPostRules.VALID_JSON));
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void theProviderIsFoundAndItsDefaultsAreTheDocumentedOnes() {
        var p = Mailgate.provider("sparkpost").orElseThrow();
        assertThat(p.codecs()).extracting(c -> c.format()).containsExactly("sparkpost-webhook");
        assertThat(p.rules()).hasSize(3);
        assertThatThrownBy(() -> p.createTransport(Map.of())).isInstanceOf(ProviderConfigException.class).hasMessageContaining("api-key");
        SparkPostConfig c = SparkPostProvider.config(Map.of("api-key", KEY));
        assertThat(c.smtp().host()).isEqualTo("smtp.sparkpostmail.com");
        assertThat(c.smtp().port()).isEqualTo(587);
        assertThat(c.smtp().username()).contains("SMTP_Injection");
        assertThat(SparkPostProvider.config(Map.of("api-key", KEY, "region", "eu")).smtp().host()).isEqualTo("smtp.eu.sparkpostmail.com");
        assertThat(SparkPostProvider.config(Map.of("api-key", KEY, "port", "2525")).smtp().port()).isEqualTo(2525);
        assertThatThrownBy(() -> SparkPostProvider.config(Map.of("api-key", KEY, "port", "465"))).hasMessageContaining("587 and 2525");
        assertThatThrownBy(() -> SparkPostConfig.builder().apiKey(KEY + "\n").build()).hasMessageContaining("line break");
        assertThatThrownBy(() -> SparkPostConfig.builder().apiKey(KEY).smtp(s -> s.verifyHostname(false)).build())
                .hasMessageContaining("SparkPost preset always verifies");
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
