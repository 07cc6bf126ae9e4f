package dev.mailgate.postmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.Mailgate;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.core.validation.Violation;
import dev.mailgate.postmark.rules.PostmarkRules;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sends through a local STARTTLS server that, like smtp.postmarkapp.com, takes the server token as user and password. */
class PostmarkTransportTest {
    private static final String TOKEN = "5a1e0b2c-7d3f-4e8a-9b6c-0d1e2f3a4b5c";
    private TestSmtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private PostmarkConfig.Builder config() throws Exception {
        server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth(TOKEN, TOKEN).build().start();
        return PostmarkConfig.builder().serverToken(TOKEN).host("localhost").port(server.port()).sslContext(TestCertificates.trustingClient())
                .smtp(b -> b.commandTimeout(Duration.ofSeconds(5)).maxAttempts(1));
    }

    @Test
    void authenticatesWithTheTokenAfterStartTlsAndTheStreamHeaderGoesOnTheWire() throws Exception {
        try (SmtpTransport t = PostmarkTransport.create(config().messageStream("outbound").build())) {
            t.send(EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Your receipt")
                    .header("X-PM-Tag", "receipts").header("X-PM-Metadata-order-id", "A-1042").text("Thank you for your order.\n").build());
            ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(got.tls()).isTrue();
            assertThat(got.authenticatedAs()).isEqualTo(TOKEN);
            assertThat(got.contentAsString()).contains("\r\nX-PM-Message-Stream: outbound\r\n").contains("\r\nX-PM-Tag: receipts\r\n")
                    .contains("\r\nX-PM-Metadata-order-id: A-1042\r\n");
            assertThat(indexOf("STARTTLS")).isGreaterThanOrEqualTo(0).isLessThan(indexOf("AUTH"));
        }
    }

    /** The listener overload: the preset (here the stream header) still applies and every event names "postmark". */
    @Test
    void aListenerHearsTheSendTaggedWithTheProvider() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        SmtpEventListener listener = new SmtpEventListener() {
            @Override
            public void connectEnd(Session session, Duration took) {
                heard.add("connectEnd " + session.provider());
            }

            @Override
            public void transactionStart(Session session, Send send) {
                heard.add("transactionStart " + send.provider());
            }

            @Override
            public void transactionEnd(Session session, Send send, SendReceipt receipt) {
                heard.add("transactionEnd " + send.provider() + " " + session.provider());
            }
        };
        try (SmtpTransport t = PostmarkTransport.create(config().messageStream("outbound").build(), listener)) {
            t.send(EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Your receipt").text("Thanks.\n").build());
            assertThat(server.awaitMessages(1, Duration.ofSeconds(5)).get(0).contentAsString()).contains("\r\nX-PM-Message-Stream: outbound\r\n");
        }
        assertThat(heard).containsExactly("connectEnd postmark", "transactionStart postmark", "transactionEnd postmark postmark");
    }

    @Test
    void aMessageThatNamesItsStreamKeepsIt() throws Exception {
        try (SmtpTransport t = PostmarkTransport.create(config().messageStream("outbound").build())) {
            t.send(EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("News")
                    .header(PostmarkRules.MESSAGE_STREAM_HEADER, "broadcast").text("Hello.\n").build());
            String wire = server.awaitMessages(1, Duration.ofSeconds(5)).get(0).contentAsString();
            assertThat(wire).contains("\r\nX-PM-Message-Stream: broadcast\r\n").doesNotContain("X-PM-Message-Stream: outbound");
        }
    }

    @Test
    void twoTagsAreRefusedBeforeConnecting() throws Exception {
        try (SmtpTransport t = PostmarkTransport.create(config().build())) {
            EmailMessage bad = EmailMessage.builder().from("shop@example.com").to("jane@example.net").subject("Hi").header("X-PM-Tag", "a")
                    .header("X-PM-Tag", "b").text("x\n").build();
            assertThatThrownBy(() -> t.send(bad)).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.violations()).extracting(Violation::ruleId).containsExactly(PostmarkRules.TAG));
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void theProviderIsFoundAndItsDefaultsAreTheDocumentedOnes() {
        var p = Mailgate.provider("postmark").orElseThrow();
        assertThat(p.codecs()).extracting(c -> c.format()).containsExactly("postmark-webhook");
        assertThat(p.rules()).hasSize(4);
        assertThatThrownBy(() -> p.createTransport(Map.of())).isInstanceOf(ProviderConfigException.class).hasMessageContaining("server-token");
        PostmarkConfig c = PostmarkProvider.config(Map.of("server-token", TOKEN));
        assertThat(c.smtp().host()).isEqualTo("smtp.postmarkapp.com");
        assertThat(c.smtp().port()).isEqualTo(587);
        assertThat(c.smtp().username()).contains(TOKEN);
        assertThat(PostmarkProvider.config(Map.of("server-token", TOKEN, "broadcasts", "true")).smtp().host()).isEqualTo("smtp-broadcasts.postmarkapp.com");
        assertThatThrownBy(() -> PostmarkProvider.config(Map.of("server-token", TOKEN, "port", "465"))).hasMessageContaining("no implicit-TLS port");
        assertThatThrownBy(() -> PostmarkConfig.builder().serverToken(TOKEN + "\n").build()).hasMessageContaining("line break");
        assertThatThrownBy(() -> PostmarkConfig.builder().serverToken(TOKEN).messageStream("my stream").build()).hasMessageContaining("stream ID");
        assertThatThrownBy(() -> PostmarkConfig.builder().serverToken(TOKEN).smtp(s -> s.verifyHostname(false)).build())
                .hasMessageContaining("Postmark preset always verifies");
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
