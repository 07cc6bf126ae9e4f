package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code maxMessagesPerConnection} holds inside a batch's chain (issue 25: it was checked only when a session was
 * claimed or released, so one session carried up to 163 messages on the default limit of 100).
 */
class MessageLimitTest {
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable r : resources) {
            r.close();
        }
    }

    private static List<EmailMessage> batch(int n) {
        List<EmailMessage> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(EmailMessage.builder().from("news@example.com").to("r" + i + "@example.org").subject("m" + i)
                    .messageId("m" + i + "@example.com").text("message " + i).build());
        }
        return batch;
    }

    /** MAIL commands per session, in order: the sessions follow one another, each starting with its EHLO. */
    private static List<Integer> mailsPerSession(TestSmtpServer server) {
        List<Integer> perSession = new ArrayList<>();
        for (String command : server.commands()) {
            if (command.startsWith("EHLO")) {
                perSession.add(0);
            } else if (command.startsWith("MAIL")) {
                perSession.set(perSession.size() - 1, perSession.get(perSession.size() - 1) + 1);
            }
        }
        return perSession;
    }

    @ParameterizedTest(name = "pipelining offered: {0}")
    @ValueSource(booleans = {true, false})
    @Timeout(120)
    void aBatchOf250OnALimitOf100UsesThreeSessions(boolean pipelining) throws Exception {
        TestSmtpServer server = TestSmtpServer.builder().pipelining(pipelining).build().start();
        resources.add(server);
        SmtpTransport smtp = SmtpTransport.create(SmtpConfig.builder("localhost").port(server.port()).tlsMode(TlsMode.NONE)
                .commandTimeout(Duration.ofSeconds(30)).dataTimeout(Duration.ofSeconds(30)).sendDeadline(Duration.ofMinutes(2))
                .maxConnections(1).maxMessagesPerConnection(100).build());
        resources.add(smtp);

        List<SendResult> results = smtp.sendBatch(batch(250));

        assertThat(results).hasSize(250).allMatch(r -> r instanceof SendResult.Sent);
        List<ReceivedMessage> got = server.awaitMessages(250, Duration.ofSeconds(10));
        assertThat(got.stream().map(m -> m.messageId().orElseThrow()).distinct().count()).isEqualTo(250);
        assertThat(got).hasSize(250);
        assertThat(server.connectionCount()).isEqualTo(3);
        assertThat(mailsPerSession(server)).containsExactly(100, 100, 50);
    }

    @Test
    @Timeout(60)
    void aLimitOfOneGivesEveryMessageItsOwnSession() throws Exception {
        TestSmtpServer server = TestSmtpServer.builder().build().start();
        resources.add(server);
        SmtpTransport smtp = SmtpTransport.create(SmtpConfig.builder("localhost").port(server.port()).tlsMode(TlsMode.NONE)
                .maxConnections(1).maxMessagesPerConnection(1).build());
        resources.add(smtp);

        List<SendResult> results = smtp.sendBatch(batch(5));

        assertThat(results).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(server.awaitMessages(5, Duration.ofSeconds(10))).hasSize(5);
        assertThat(server.connectionCount()).isEqualTo(5);
        assertThat(mailsPerSession(server)).containsExactly(1, 1, 1, 1, 1);
    }

    /**
     * A full session hands its untried messages to the next one; when that one breaks on the first of them, the
     * rest were still waiting there and went nowhere (the soak test's null result: the next session's chain never
     * asked for them, and the loop ended because the broken session returned none).
     */
    @Test
    @Timeout(60)
    void messagesHandedOnByAFullSessionSurviveTheNextSessionBreaking() throws Exception {
        TestSmtpServer server = TestSmtpServer.builder().on("RCPT TO:<r2@", ServerAction.disconnect(), 1).build().start();
        resources.add(server);
        SmtpTransport smtp = SmtpTransport.create(SmtpConfig.builder("localhost").port(server.port()).tlsMode(TlsMode.NONE)
                .maxConnections(1).maxMessagesPerConnection(2).backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build());
        resources.add(smtp);

        List<SendResult> results = smtp.sendBatch(batch(4));

        assertThat(results).hasSize(4).doesNotContainNull().allMatch(r -> r instanceof SendResult.Sent);
        assertThat(server.awaitMessages(4, Duration.ofSeconds(10)).stream().map(m -> m.messageId().orElseThrow()))
                .containsExactlyInAnyOrder("m0@example.com", "m1@example.com", "m2@example.com", "m3@example.com");
    }
}
