package dev.mailgate.episerver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.Mailgate;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.core.validation.Violation;
import dev.mailgate.smtp.TlsMode;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A full send through a local STARTTLS server with AUTH, as Episerver's SMTP API expects it. */
class EpiserverTransportTest {
    private static final Pattern SEED_FORM = Pattern.compile("<[a-z0-9]+-[a-z0-9]+@news\\.example\\.com>");
    private TestSmtpServer server;
    private EpiserverTransport transport;

    @BeforeEach
    void start() throws Exception {
        server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("client42", "s3cret").build().start();
        transport = EpiserverTransport.create(config().build());
    }

    @AfterEach
    void stop() {
        transport.close();
        server.close();
    }

    private EpiserverConfig.Builder config() {
        return EpiserverConfig.builder().host("localhost").port(server.port()).credentials("client42", "s3cret")
                .sslContext(TestCertificates.trustingClient()).sendingDomain("news.example.com")
                .bounceForwardingAddress("bounces@example-mail.net").mailingCodes(List.of("mailing-42"))
                .smtp(s -> s.commandTimeout(Duration.ofSeconds(5)).maxAttempts(1));
    }

    private static EmailMessage.Builder newsletter() {
        return EmailMessage.builder().from("News <newsletter@news.example.com>").to("Jane <jane@example.org>")
                .sender(EmailAddress.parse("campaigns@news.example.com")).subject("November news").text("Hello Jane.\n")
                .header("X-bm-mailing", "mailing-42").messageIdGenerator(EpiserverMessageIds.generator());
    }

    @Test
    void sendsOverStartTlsWithMailFromEqualToFrom() throws Exception {
        SendReceipt receipt = transport.send(newsletter().build());

        ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(got.tls()).isTrue();
        assertThat(got.authenticatedAs()).isEqualTo("client42");
        // the message has a Sender, which would normally become MAIL FROM; Episerver needs the From address
        assertThat(got.mailFrom()).isEqualTo("newsletter@news.example.com");
        assertThat(got.recipients()).containsExactly("jane@example.org");
        String wire = got.contentAsString();
        assertThat(wire).contains("\r\nFrom: News <newsletter@news.example.com>\r\n").contains("\r\nTo: Jane <jane@example.org>\r\n")
                .contains("\r\nX-bm-mailing: mailing-42\r\n").doesNotContain("Return-Path:").doesNotContain("\r\nCc:");
        String messageIdLine = wire.lines().filter(l -> l.startsWith("Message-ID: ")).findFirst().orElseThrow();
        assertThat(messageIdLine.substring("Message-ID: ".length())).matches(SEED_FORM);
        assertThat(receipt.messageId()).hasValueSatisfying(id -> assertThat("<" + id + ">").matches(SEED_FORM));
    }

    @Test
    void everyBrokenRuleIsReportedAndNothingIsSent() {
        EmailMessage broken = newsletter().from("News <newsletter@example.com>").cc("boss@example.org").subject(" ")
                .header("X-bm-mailing", "mailing-99").envelopeFrom(EmailAddress.parse("bounces@example.net")).build();

        assertThatThrownBy(() -> transport.send(broken)).isInstanceOfSatisfying(ValidationException.class, e ->
                assertThat(e.violations()).extracting(Violation::ruleId).contains("episerver.from-sending-domain", "episerver.no-cc-bcc",
                        "episerver.subject", "episerver.mailing-code", "episerver.envelope-from",
                        "episerver.organizational-alignment"));
        assertThat(server.messages()).isEmpty();
        assertThat(server.connectionCount()).as("not a byte sent").isZero();
    }

    @Test
    void perRecipientSplitSendsOneCompliantMessageEach() throws Exception {
        EmailMessage many = newsletter().clearRecipients().to("a@example.org, b@example.org").cc("c@example.org").bcc("d@example.org").build();
        List<EmailMessage> split = EpiserverMessages.perRecipient(many);
        assertThat(split).hasSize(4);
        assertThat(split).extracting(m -> m.messageId().orElseThrow()).doesNotHaveDuplicates();

        List<SendResult> results = transport.sendBatch(split);

        assertThat(results).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(results).extracting(SendResult::message).containsExactlyElementsOf(split);
        List<ReceivedMessage> got = server.awaitMessages(4, Duration.ofSeconds(5));
        assertThat(got).extracting(m -> m.recipients().get(0))
                .containsExactlyInAnyOrder("a@example.org", "b@example.org", "c@example.org", "d@example.org");
        assertThat(got).allSatisfy(m -> assertThat(m.contentAsString()).doesNotContain("\r\nCc:").doesNotContain("\r\nBcc:"));
    }

    @Test
    void configRejections() {
        assertThatThrownBy(() -> config().bounceForwardingAddress("bounces@news.example.com").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inside the sending domain");
        assertThatThrownBy(() -> config().bounceForwardingAddress("bounces@mx.NEWS.example.com").build())
                .hasMessageContaining("inside the sending domain");
        assertThatThrownBy(() -> EpiserverConfig.builder().sendingDomain("news.example.com").credentials("u", "p").build())
                .isInstanceOf(NullPointerException.class).hasMessageContaining("bounceForwardingAddress");
        assertThatThrownBy(() -> config().mailingCodes(List.of("bad code")).build()).hasMessageContaining("bad code");
        assertThatThrownBy(() -> config().smtp(s -> s.tlsMode(TlsMode.NONE).allowPlaintextAuth(true)).build()).hasMessageContaining("requires TLS");
        // a sibling domain is fine: it is not inside the sending domain
        assertThat(config().bounceForwardingAddress("bounces@example.com").build().bounceForwardingAddress().domain())
                .isEqualTo("example.com");
        EpiserverConfig defaults = EpiserverConfig.builder().sendingDomain("News.Example.COM").bounceForwardingAddress("b@example.net")
                .credentials("u", "p").build();
        assertThat(defaults.smtp().host()).isEqualTo("smtpapi.campaign.episerver.net");
        assertThat(defaults.smtp().port()).isEqualTo(25);
        assertThat(defaults.smtp().tlsMode()).isEqualTo(TlsMode.STARTTLS_REQUIRED);
        assertThat(defaults.sendingDomain()).isEqualTo("news.example.com");
    }

    @Test
    void theTuningHookCannotSwitchOffHostNameVerification() {
        // The preset promises verified certificates and host names; smtp(...) is for timeouts, pool size, quota.
        assertThatThrownBy(() -> config().smtp(s -> s.verifyHostname(false)).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Episerver preset always verifies").hasMessageContaining("sslContext");
        assertThat(config().smtp(s -> s.maxConnections(2)).build().smtp().verifiesHostname()).isTrue();
    }

    @Test
    void theProviderIsFoundAndNamesTheKeyThatIsWrong() {
        var provider = Mailgate.provider("episerver").orElseThrow();
        assertThat(provider.rules(Map.of("sending-domain", "news.example.com"))).hasSize(11);
        assertThatThrownBy(() -> provider.rules(Map.of())).isInstanceOf(ProviderConfigException.class)
                .hasMessageContaining("sending-domain");
        assertThatThrownBy(() -> provider.createTransport(Map.of("sending-domain", "news.example.com", "username", "u",
                "password", "p"))).isInstanceOf(ProviderConfigException.class).hasMessageContaining("bounce-forwarding-address");
        assertThatThrownBy(() -> provider.createTransport(Map.of("sending-domain", "news.example.com", "username", "u",
                "password", "p", "bounce-forwarding-address", "b@example.net", "colour", "blue")))
                .isInstanceOf(ProviderConfigException.class).hasMessageContaining("colour");
    }
}
