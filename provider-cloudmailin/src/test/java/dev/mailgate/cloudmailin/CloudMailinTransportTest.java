package dev.mailgate.cloudmailin;

import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.BounceReport;
import dev.mailgate.cloudmailin.rules.CloudMailinRules;
import dev.mailgate.core.Mailgate;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.core.validation.Violation;
import dev.mailgate.smtp.TlsMode;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sends through a local STARTTLS server that answers the final dot as CloudMailin does. */
class CloudMailinTransportTest {
    private static final String QUEUED = "250 Thanks! Queued as: f78b876d-dd97-4e10-9a61-067f98044cc7";
    private static final byte[] SECRET = "cloudmailin-test-secret-123".getBytes(StandardCharsets.US_ASCII);
    private TestSmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private CloudMailinConfig.Builder config(TestSmtpServer s) {
        return CloudMailinConfig.builder().host("localhost").port(s.port()).credentials("account", "s3cret")
                .sslContext(TestCertificates.trustingClient()).sendingDomain("example.com")
                .smtp(b -> b.commandTimeout(Duration.ofSeconds(5)).maxAttempts(1));
    }

    private TestSmtpServer start() throws Exception {
        server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("account", "s3cret")
                .on(TestSmtpServer.DATA_END, ServerAction.reply(QUEUED)).build().start();
        return server;
    }

    private static EmailMessage receiptMail() {
        return EmailMessage.builder().from("Shop <user@example.com>").to("jane@example.net").subject("Your receipt")
                .text("Thank you for your order.\n").build();
    }

    @Test
    void theQueuedAsIdIsTheReceiptsProviderIdAndTheEnvelopeIsOnTheSubdomain() throws Exception {
        try (CloudMailinTransport t = CloudMailinTransport.create(config(start()).build())) {
            SendReceipt receipt = t.send(receiptMail());

            assertThat(receipt.providerMessageId()).contains("f78b876d-dd97-4e10-9a61-067f98044cc7");
            ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(got.tls()).isTrue();
            assertThat(got.authenticatedAs()).isEqualTo("account");
            assertThat(got.mailFrom()).isEqualTo("bounces@mta.example.com");
            assertThat(got.contentAsString()).contains("\r\nFrom: Shop <user@example.com>\r\n");
        }
    }

    @Test
    void withAVerpSecretTheReturnPathNamesTheRecipientAndDecodes() throws Exception {
        try (CloudMailinTransport t = CloudMailinTransport.create(config(start()).verpSecret(SECRET).build())) {
            t.send(receiptMail());
            String mailFrom = server.awaitMessages(1, Duration.ofSeconds(5)).get(0).mailFrom();
            assertThat(mailFrom).startsWith("bounces+jane=example.net-").endsWith("@mta.example.com");
            assertThat(t.verp().orElseThrow().decode(mailFrom).orElseThrow().recipient())
                    .contains(EmailAddress.parse("jane@example.net"));

            // a bounce that comes back to that address is attributed even if its body names nobody
            String bounce = "From: MAILER-DAEMON@mx.example.net\r\nTo: " + mailFrom + "\r\nSubject: Undelivered Mail\r\n"
                    + "Message-ID: <b1@mx.example.net>\r\n\r\nThe mailbox is unavailable: 550 5.1.1 mailbox unavailable\r\n";
            BounceReport report = BounceParser.create().withVerp(t.verp().get()).parse(bounce.getBytes(StandardCharsets.US_ASCII));
            assertThat(report.recipients()).singleElement().satisfies(r -> assertThat(r.recipient()).isEqualTo("jane@example.net"));
        }
    }

    @Test
    void rulesRefuseAForeignFromAnEnvelopeOffTheSubdomainAndOptionallyBulkMail() throws Exception {
        try (CloudMailinTransport t = CloudMailinTransport.create(config(start()).flagBulkMail(true).build())) {
            EmailMessage bad = receiptMail().toBuilder().from("user@example.org").envelopeFrom(EmailAddress.parse("bounces@example.org"))
                    .header("Precedence", "bulk").build();
            assertThatThrownBy(() -> t.send(bad)).isInstanceOfSatisfying(ValidationException.class, e ->
                    assertThat(e.violations()).extracting(Violation::ruleId).containsExactly("cloudmailin.from-domain",
                            "cloudmailin.envelope-subdomain", "cloudmailin.transactional-only"));
            assertThat(server.connectionCount()).isZero();
        }
        // off by default
        assertThat(CloudMailinRules.of("example.com", "mta.example.com", false)).extracting(r -> r.id())
                .doesNotContain("cloudmailin.transactional-only");
    }

    @Test
    void authOnlyAfterStartTls() throws Exception {
        TestSmtpServer plain = TestSmtpServer.builder().auth("account", "s3cret").authWithoutTls().build().start();
        try (plain; CloudMailinTransport t = CloudMailinTransport.create(config(plain).build())) {
            assertThatThrownBy(() -> t.send(receiptMail())).hasMessageContaining("STARTTLS");
            assertThat(plain.messages()).isEmpty();
            assertThat(plain.commands()).noneMatch(c -> c.startsWith("AUTH"));
        }
        assertThatThrownBy(() -> CloudMailinConfig.builder().host("h").credentials("u", "p").sendingDomain("example.com")
                .smtp(b -> b.tlsMode(TlsMode.NONE).allowPlaintextAuth(true)).build()).hasMessageContaining("STARTTLS");
        assertThatThrownBy(() -> CloudMailinConfig.builder().host("h").credentials("u", "p").sendingDomain("example.com")
                .envelopeSubdomain("mta.example.org").build()).hasMessageContaining("subdomain");
    }

    @Test
    void theTuningHookCannotSwitchOffHostNameVerification() {
        // The preset promises verified certificates and host names; smtp(...) is for timeouts, pool size, quota.
        assertThatThrownBy(() -> CloudMailinConfig.builder().host("h").credentials("u", "p").sendingDomain("example.com")
                .smtp(b -> b.verifyHostname(false)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CloudMailin preset always verifies").hasMessageContaining("sslContext");
        assertThat(CloudMailinConfig.builder().host("h").credentials("u", "p").sendingDomain("example.com").build()
                .smtp().verifiesHostname()).isTrue();
    }

    @Test
    void theProviderIsFound() {
        var p = Mailgate.provider("cloudmailin").orElseThrow();
        assertThat(p.codecs()).extracting(c -> c.format()).containsExactly("cloudmailin-webhook");
        assertThat(p.rules(Map.of("domain", "example.com"))).hasSize(2);
        assertThatThrownBy(() -> p.createTransport(Map.of("host", "h"))).isInstanceOf(ProviderConfigException.class)
                .hasMessageContaining("username");
        assertThat(List.of(p.configKeys().stream().map(k -> k.name()).toArray())).contains("verp-secret", "envelope-domain");
    }
}
