package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.TlsException;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;

/**
 * Whether a failure is retried is the exception's own contract ({@code MailException.isRetrySafe()}), by type: a
 * TLS failure is a {@link TlsException}, not retry-safe, and not retried; a plain connection failure is.
 */
class RetryContractTest {
    private static final EmailMessage MESSAGE = EmailMessage.builder().from("news@example.com").to("ana@example.org")
            .subject("hi").text("Hello").build();

    private static SmtpConfig.Builder config(TestSmtpServer server) {
        return SmtpConfig.builder("localhost").port(server.port()).commandTimeout(Duration.ofSeconds(5))
                .maxAttempts(3).backoff(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    /** Sends, expecting a failure; returns it, and the retries the listener saw. */
    private static TlsOrNot send(SmtpConfig config) {
        List<Integer> retries = new CopyOnWriteArrayList<>();
        try (SmtpTransport smtp = SmtpTransport.builder(config).listener(new SmtpEventListener() {
            @Override
            public void retrying(Send send, int attempt, dev.mailgate.core.MailException cause, Duration delay) {
                retries.add(attempt);
            }
        }).build()) {
            smtp.send(MESSAGE);
            throw new AssertionError("the send should have failed");
        } catch (ConnectionException e) {
            return new TlsOrNot(e, retries);
        }
    }

    private record TlsOrNot(ConnectionException error, List<Integer> retries) {
    }

    @Test
    void anUntrustedCertificateIsATlsExceptionWithTheHandshakeErrorAndIsNotRetried() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).build().start()) {
            // The JVM's default trust store does not know the test CA.
            TlsOrNot result = send(config(server).build());
            assertThat(result.error()).isInstanceOf(TlsException.class);
            assertThat(result.error().isRetrySafe()).isFalse();
            assertThat(((TlsException) result.error()).handshakeFailure()).get().isInstanceOf(SSLException.class);
            assertThat(result.retries()).isEmpty();
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void aMissingStartTlsIsATlsExceptionAndIsNotRetried() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            TlsOrNot result = send(config(server).build());
            assertThat(result.error()).isInstanceOf(TlsException.class).hasMessageContaining("does not offer STARTTLS");
            assertThat(result.error().isRetrySafe()).isFalse();
            assertThat(((TlsException) result.error()).handshakeFailure()).isEmpty();
            assertThat(result.retries()).isEmpty();
            assertThat(server.connectionCount()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionLostBeforeTheFinalDotIsRetrySafeAndRetried() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .on("MAIL FROM", ServerAction.disconnect()).build().start()) {
            TlsOrNot result = send(config(server).sslContext(TestCertificates.trustingClient()).build());
            assertThat(result.error()).isNotInstanceOf(TlsException.class);
            assertThat(result.error().isRetrySafe()).isTrue();
            assertThat(result.retries()).containsExactly(1, 2);
            assertThat(server.connectionCount()).isEqualTo(3);
        }
    }
}
