package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.MailException;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 421 to one RCPT, then the server closes (Postfix 3.7: "421 4.3.2 Service shutting down"). RFC 5321 section
 * 3.8: the reply is the server's last word; it must reach the caller with its text, its status and its recipient,
 * not as "connection lost".
 */
class ClosingReplyTest {
    @RegisterExtension
    final Opened opened = new Opened();

    private TestSmtpServer server(boolean pipelining, int times) throws Exception {
        TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).pipelining(pipelining)
                .on("RCPT TO:<b@", ServerAction.replyAndClose("421 4.3.2 Service shutting down"), times).build().start();
        opened.add(server);
        return server;
    }

    private SmtpTransport transport(TestSmtpServer server, int maxAttempts, SmtpEventListener listener) {
        SmtpTransport t = SmtpTransport.builder(SmtpConfig.builder("localhost").port(server.port())
                .sslContext(TestCertificates.trustingClient()).commandTimeout(Duration.ofSeconds(10)).maxAttempts(maxAttempts)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(20)).build()).listener(listener).build();
        opened.add(t);
        return t;
    }

    private static EmailMessage message(int i) {
        return EmailMessage.builder().from("news@example.com").to("a@example.org, b@example.org, c@example.org")
                .subject("m" + i).messageId("m" + i + "@example.com").text("Hello").build();
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void the421KeepsItsTextAndStatusAndNamesItsRecipient(boolean pipelining) throws Exception {
        TestSmtpServer server = server(pipelining, Integer.MAX_VALUE);
        SmtpTransport smtp = transport(server, 1, SmtpEventListener.NONE);
        assertThatThrownBy(() -> smtp.send(message(1))).isInstanceOfSatisfying(ServerRejectedException.class, e -> {
            assertThat(e.code()).isEqualTo(421);
            assertThat(e.enhancedStatus().orElseThrow().toString()).isEqualTo("4.3.2");
            assertThat(e.command()).isEqualTo("RCPT TO:<b@example.org>");
            assertThat(e.getMessage()).contains("b@example.org").contains("Service shutting down");
            assertThat(e.isRetrySafe()).isTrue();
        });
        assertThat(server.messages()).isEmpty();
    }

    @ParameterizedTest(name = "pipelining={0}")
    @ValueSource(booleans = {true, false})
    void aBatchRetriesWithTheReplyAsItsReasonAndDeliversEverything(boolean pipelining) throws Exception {
        TestSmtpServer server = server(pipelining, 1);
        List<MailException> retried = new CopyOnWriteArrayList<>();
        SmtpTransport smtp = transport(server, 3, new SmtpEventListener() {
            @Override
            public void retrying(Send send, int attempt, MailException error, Duration delay) {
                retried.add(error);
            }
        });
        List<SendResult> results = smtp.sendBatch(List.of(message(1), message(2), message(3)));
        assertThat(results).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(server.messages()).hasSize(3);
        assertThat(retried).anySatisfy(e -> assertThat(e).isInstanceOf(ServerRejectedException.class)
                .hasMessageContaining("RCPT TO:<b@example.org>").hasMessageContaining("421 4.3.2 Service shutting down"));
    }
}
