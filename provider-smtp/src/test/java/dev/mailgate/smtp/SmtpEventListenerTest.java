package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.MailException;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.core.transport.SmtpReply;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The events of {@link SmtpEventListener} arrive in the order its javadoc documents, against a real server. */
class SmtpEventListenerTest {
    @RegisterExtension
    final Opened opened = new Opened();

    private static SmtpConfig.Builder config(int port) {
        return SmtpConfig.builder("localhost").port(port).sslContext(TestCertificates.trustingClient())
                .commandTimeout(Duration.ofSeconds(5)).dataTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(5))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    private SmtpTransport transport(SmtpConfig.Builder config, SmtpEventListener listener) {
        SmtpTransport t = SmtpTransport.builder(config.build()).listener(listener).provider("ses").build();
        opened.add(t);
        return t;
    }

    private static EmailMessage message(int i) {
        return EmailMessage.builder().from("news@example.com").to("ana@example.org").subject("m" + i)
                .messageId("m" + i + "@example.com").text("Hello").build();
    }

    /** Writes each event as one line, with the details the order tests need; checks what every event carries. */
    static final class Recorder implements SmtpEventListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final Set<Long> sessions = new HashSet<>();

        private void session(String event, Session s) {
            assertThat(s.provider()).isEqualTo("ses");
            assertThat(s.host()).isEqualTo("localhost");
            sessions.add(s.id());
            events.add(event);
        }

        private void send(String event, Send send) {
            assertThat(send.provider()).isEqualTo("ses");
            events.add(event + " " + send.messageId().orElse("?"));
        }

        @Override
        public void connectStart(Session session) {
            session("connectStart", session);
        }

        @Override
        public void tcpConnected(Session session, InetSocketAddress remote) {
            assertThat(remote.getAddress().isLoopbackAddress()).isTrue();
            session("tcpConnected", session);
        }

        @Override
        public void greeting(Session session, SmtpReply reply) {
            assertThat(reply.code()).isEqualTo(220);
            session("greeting", session);
        }

        @Override
        public void ehlo(Session session, Map<String, String> extensions, boolean tls) {
            session("ehlo tls=" + tls + (extensions.containsKey("STARTTLS") ? " STARTTLS" : ""), session);
        }

        @Override
        public void tlsHandshakeStart(Session session) {
            session("tlsHandshakeStart", session);
        }

        @Override
        public void tlsHandshakeEnd(Session session, Handshake handshake) {
            assertThat(handshake.protocol()).startsWith("TLSv1.");
            assertThat(handshake.cipherSuite()).startsWith("TLS_");
            assertThat(handshake.peerCertificates().get(0).getSubjectX500Principal().getName()).contains("CN=localhost");
            session("tlsHandshakeEnd", session);
        }

        @Override
        public void authStart(Session session, String mechanism) {
            session("authStart " + mechanism, session);
        }

        @Override
        public void authEnd(Session session, String mechanism) {
            session("authEnd " + mechanism, session);
        }

        @Override
        public void connectEnd(Session session, Duration took) {
            assertThat(took).isPositive();
            session("connectEnd", session);
        }

        @Override
        public void connectFailed(Session session, MailException error) {
            session("connectFailed " + error.getClass().getSimpleName(), session);
        }

        @Override
        public void connectionAcquired(Session session, boolean reused, PoolState pool) {
            assertThat(pool.inUse()).isBetween(1, pool.max());
            session("connectionAcquired reused=" + reused, session);
        }

        @Override
        public void connectionReleased(Session session, boolean kept, PoolState pool) {
            assertThat(pool.idle()).isEqualTo(kept ? 1 : 0);
            session("connectionReleased kept=" + kept, session);
        }

        @Override
        public void transactionStart(Session session, Send send) {
            send("transactionStart", send);
        }

        @Override
        public void transactionEnd(Session session, Send send, SendReceipt receipt) {
            assertThat(receipt.messageId()).isEqualTo(send.messageId());
            send("transactionEnd " + receipt.providerMessageId().orElse("-"), send);
        }

        @Override
        public void transactionFailed(Session session, Send send, MailException error) {
            send("transactionFailed " + (error instanceof ServerRejectedException r ? r.code() : error.getClass().getSimpleName()), send);
        }

        @Override
        public void retrying(Send send, int attempt, MailException cause, Duration delay) {
            send("retrying " + attempt, send);
        }

        @Override
        public void failed(Send send, MailException error) {
            send("failed " + error.getClass().getSimpleName(), send);
        }
    }

    @Test
    void aStartTlsAuthSendReportsEveryStepInOrderAndReusesTheSession() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("user", "secret"));
        Recorder recorder = new Recorder();
        SmtpTransport smtp = transport(config(server.port()).credentials("user", "secret"), recorder);

        smtp.send(message(1));
        smtp.send(message(2));

        assertThat(recorder.events).containsExactly(
                "connectStart", "tcpConnected", "greeting", "ehlo tls=false STARTTLS",
                "tlsHandshakeStart", "tlsHandshakeEnd", "ehlo tls=true",
                "authStart PLAIN", "authEnd PLAIN", "connectEnd",
                "connectionAcquired reused=false",
                "transactionStart m1@example.com", "transactionEnd Q1 m1@example.com",
                "connectionReleased kept=true",
                "connectionAcquired reused=true",
                "transactionStart m2@example.com", "transactionEnd Q2 m2@example.com",
                "connectionReleased kept=true");
        assertThat(recorder.sessions).as("one connection, one id").hasSize(1);
    }

    @Test
    void aRetryReleasesTheBrokenSessionThenOpensAFreshOne() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().pipelining(false).on("MAIL FROM", ServerAction.reply("421 4.3.2 Service shutting down"), 1));
        Recorder recorder = new Recorder();
        SmtpTransport smtp = transport(config(server.port()).tlsMode(TlsMode.NONE).maxAttempts(3), recorder);

        smtp.send(message(1));

        List<String> setup = List.of("connectStart", "tcpConnected", "greeting", "ehlo tls=false", "connectEnd", "connectionAcquired reused=false");
        List<String> expected = new ArrayList<>(setup);
        expected.addAll(List.of("transactionStart m1@example.com", "transactionFailed 421 m1@example.com",
                "connectionReleased kept=false", "retrying 1 m1@example.com"));
        expected.addAll(setup);
        expected.addAll(List.of("transactionStart m1@example.com", "transactionEnd Q1 m1@example.com", "connectionReleased kept=true"));
        assertThat(recorder.events).containsExactlyElementsOf(expected);
        assertThat(recorder.sessions).as("the retry ran on a fresh connection").hasSize(2);
    }

    @Test
    void aRefusalEndsWithFailedAfterTheSessionIsReleased() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().on(TestSmtpServer.DATA_END, ServerAction.reply("554 5.7.1 Message rejected as spam")));
        Recorder recorder = new Recorder();
        SmtpTransport smtp = transport(config(server.port()).tlsMode(TlsMode.NONE), recorder);

        assertThatThrownBy(() -> smtp.send(message(1))).isInstanceOf(ServerRejectedException.class);

        assertThat(recorder.events).endsWith("connectionAcquired reused=false", "transactionStart m1@example.com",
                "transactionFailed 554 m1@example.com", "connectionReleased kept=true", "failed ServerRejectedException m1@example.com");
    }

    @Test
    void aSessionThatCannotBeOpenedReportsConnectFailedAndNoTransaction() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Recorder refused = new Recorder();
        assertThatThrownBy(() -> transport(config(closedPort).maxAttempts(1), refused).send(message(1)))
                .isInstanceOf(ConnectionException.class);
        assertThat(refused.events).containsExactly("connectStart", "connectFailed ConnectionException", "failed ConnectionException m1@example.com");

        // STARTTLS required, the server offers none: the setup stops after EHLO, and a TLS failure is not retried.
        TestSmtpServer plain = opened.start(TestSmtpServer.builder());
        Recorder noTls = new Recorder();
        assertThatThrownBy(() -> transport(config(plain.port()).maxAttempts(3), noTls).send(message(2)))
                .isInstanceOf(ConnectionException.class);
        assertThat(noTls.events).containsExactly("connectStart", "tcpConnected", "greeting", "ehlo tls=false",
                "connectFailed TlsException", "failed TlsException m2@example.com");
    }

    @Test
    void aChainedBatchPairsEveryTransactionStartWithOneEnd() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().on("RCPT TO:<ana@", ServerAction.reply("450 4.2.1 try later"), 1));
        Recorder recorder = new Recorder();
        SmtpTransport smtp = transport(config(server.port()).tlsMode(TlsMode.NONE).maxConnections(1), recorder);

        List<SendResult> results = smtp.sendBatch(List.of(message(1), message(2), message(3)));

        assertThat(results).allMatch(r -> r instanceof SendResult.Sent);
        Map<String, Integer> open = new java.util.HashMap<>();
        for (String e : recorder.events) {
            String[] words = e.split(" ");
            String id = words[words.length - 1];
            if (e.startsWith("transactionStart")) {
                assertThat(open.merge(id, 1, Integer::sum)).as("one open transaction per message: " + recorder.events).isEqualTo(1);
            } else if (e.startsWith("transactionEnd") || e.startsWith("transactionFailed")) {
                assertThat(open.merge(id, -1, Integer::sum)).as("an end follows a start: " + recorder.events).isZero();
            }
        }
        assertThat(open.values()).allMatch(v -> v == 0);
        // Chained pipelining: m2's commands went out with m1's content, before m1's final reply was read.
        int m2End = recorder.events.stream().filter(e -> e.startsWith("transactionEnd") && e.endsWith(" m2@example.com"))
                .findFirst().map(recorder.events::indexOf).orElseThrow();
        assertThat(recorder.events.indexOf("transactionStart m3@example.com")).as(recorder.events.toString()).isLessThan(m2End);
        assertThat(recorder.events).contains("transactionFailed 450 m1@example.com", "retrying 1 m1@example.com");
    }

    @Test
    void aListenerThatThrowsEverywhereNeverBreaksASend() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("user", "secret")
                .on("MAIL FROM", ServerAction.reply("421 4.3.2 Service shutting down"), 1));
        List<String> called = new CopyOnWriteArrayList<>();
        SmtpEventListener throwing = (SmtpEventListener) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SmtpEventListener.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("hashCode") ? 0 : method.getName().equals("equals") ? false : "throwing";
                    }
                    called.add(method.getName());
                    throw new IllegalStateException("listener bug in " + method.getName());
                });
        SmtpTransport smtp = transport(config(server.port()).credentials("user", "secret").maxAttempts(2), throwing);

        SendReceipt receipt = smtp.send(message(1));
        List<SendResult> batch = smtp.sendBatch(List.of(message(2), message(3)));

        assertThat(receipt.allAccepted()).isTrue();
        assertThat(batch).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(server.messages()).hasSize(3);
        assertThat(called).as("every kind of event was tried").contains("connectStart", "tcpConnected", "greeting", "ehlo",
                "tlsHandshakeStart", "tlsHandshakeEnd", "authStart", "authEnd", "connectEnd", "connectionAcquired",
                "transactionStart", "transactionFailed", "connectionReleased", "retrying", "transactionEnd");
    }
}
