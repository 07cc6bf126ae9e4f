package dev.mailgate.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SMTP transports sending to the project's TestSmtpServer (STARTTLS, AUTH, scripted refusals). */
class SmtpMetricsTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final TagHygiene seen = TagHygiene.on(observations);
    private final MailgateMetrics metrics = MailgateMetrics.bindTo(meters, observations);
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        // transports first (they QUIT), then the servers they talk to
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private TestSmtpServer start(TestSmtpServer.Builder builder) throws Exception {
        TestSmtpServer server = builder.build().start();
        resources.add(server);
        return server;
    }

    private static SmtpConfig.Builder config(int port) {
        return SmtpConfig.builder("localhost").port(port).sslContext(TestCertificates.trustingClient())
                .commandTimeout(Duration.ofSeconds(5)).dataTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(5))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    private SmtpTransport transport(SmtpConfig config) {
        SmtpTransport t = SmtpTransport.builder(config).provider("ses").listener(SmtpTransportMetrics.listener(metrics)).build();
        resources.add(t);
        return t;
    }

    /** @param to comma-separated recipients */
    private static EmailMessage message(int i, String to) {
        return EmailMessage.builder().from("news@example.com").to(to).subject("m" + i).messageId("m" + i + "@example.com").text("Hello").build();
    }

    private static EmailMessage message(int i) {
        return message(i, "ana@example.org");
    }

    private double count(String name, String... tags) {
        return meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void aSendThatIsRetriedAndLosesARecipientIsCountedOnceWithItsRetryAndRejection() throws Exception {
        TestSmtpServer server = start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("user", "secret")
                .on("MAIL FROM", ServerAction.reply("421 4.3.2 Service shutting down"), 1)
                .on("RCPT TO:<gone@", ServerAction.reply("550 5.1.1 No such user")));
        SmtpConfig config = config(server.port()).credentials("user", "secret").maxPerDay(10).build();
        SmtpTransport smtp = transport(config);
        SmtpTransportMetrics.quota("ses", smtp, config).bindTo(meters);

        SendReceipt receipt = smtp.send(message(1, "ana@example.org, gone@example.org"));
        assertThat(receipt.rejected()).hasSize(1);

        assertThat(count("mailgate.send.messages", "provider", "ses", "outcome", "sent", "reply.class", "2xx")).isEqualTo(1);
        assertThat(count("mailgate.send.recipients.rejected", "provider", "ses", "reply.class", "5xx")).isEqualTo(1);
        assertThat(count("mailgate.send.retries", "provider", "ses")).isEqualTo(1);
        assertThat(meters.get("mailgate.send.latency").tag("outcome", "sent").timer().count()).isEqualTo(1);
        assertThat(count("mailgate.smtp.connections", "provider", "ses", "outcome", "ok")).isEqualTo(2);
        assertThat(count("mailgate.smtp.tls.handshakes", "provider", "ses")).isEqualTo(2);
        assertThat(meters.get("mailgate.smtp.pool.connections").tag("state", "in_use").gauge().value()).isZero();
        assertThat(meters.get("mailgate.smtp.pool.max").gauge().value()).isEqualTo(config.maxConnections());
        assertThat(meters.get("mailgate.send.quota.used").gauge().value()).isEqualTo(1);
        assertThat(meters.get("mailgate.send.quota.left").gauge().value()).isEqualTo(9);

        assertThat(seen.values(Names.SEND, Names.OUTCOME)).as("one observation across both attempts").containsExactly("sent");
        assertThat(seen.values(Names.SEND, Names.PROVIDER)).containsExactly("ses");
        seen.assertNoAddresses(meters);
    }

    @Test
    void aRefusedAndAnUnreachableSendAreToldApart() throws Exception {
        TestSmtpServer server = start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).on(TestSmtpServer.DATA_END, ServerAction.reply("554 5.7.1 Message rejected as spam")));
        SmtpTransport smtp = transport(config(server.port()).build());
        assertThatThrownBy(() -> smtp.send(message(1))).isInstanceOf(ServerRejectedException.class);
        assertThat(count("mailgate.send.messages", "outcome", "refused", "reply.class", "5xx")).isEqualTo(1);

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        SmtpTransport nowhere = transport(config(closed).maxAttempts(1).build());
        assertThatThrownBy(() -> nowhere.send(message(2))).isInstanceOf(dev.mailgate.core.MailException.class);
        assertThat(count("mailgate.send.messages", "outcome", "failed", "reply.class", "none")).isEqualTo(1);
        assertThat(count("mailgate.smtp.connections", "outcome", "failed")).isPositive();
        assertThat(seen.values(Names.SEND, Names.OUTCOME)).containsExactly("refused", "failed");
        assertThat(seen.stopped).filteredOn(c -> c.getName().equals(Names.SEND)).allSatisfy(c -> assertThat(c.getError()).isNotNull());
    }

    @Test
    void aBatchThroughObserveBatchesIsOneObservationAroundItsSends() throws Exception {
        TestSmtpServer server = start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).on("RCPT TO:<bad@", ServerAction.reply("550 5.1.1 No such user")));
        Transport observed = metrics.observeBatches(transport(config(server.port()).maxAttempts(1).build()), "ses");
        List<SendResult> results = observed.sendBatch(List.of(message(1), message(2, "bad@example.org"), message(3)));
        assertThat(results).hasSize(3);
        assertThat(seen.values(Names.BATCH, Names.PROVIDER)).containsExactly("ses");
        assertThat(seen.values(Names.SEND, Names.PROVIDER)).hasSize(3);
        assertThat(seen.values(Names.BATCH, Names.OUTCOME)).containsExactly("some_failed");
        assertThat(count("mailgate.send.messages", "provider", "ses", "outcome", "sent")).isEqualTo(2);
        assertThat(count("mailgate.send.messages", "provider", "ses", "outcome", "refused", "reply.class", "5xx")).isEqualTo(1);
        seen.assertNoAddresses(meters);
    }
}
