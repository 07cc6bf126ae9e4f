package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.MailTimeoutException;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The write-stall family (docs/reliability.md): a server that stops reading, or drips one octet just inside the
 * read timeout, at each step of a session. Socket read timeouts alone never end these; the send must fail within
 * its bound with a typed timeout, give its pool permit back, and the next send must work. Bounds are generous
 * (the build machine is shared); the measured times go to target/write-stall-table.md.
 *
 * <p>Each test has a JUnit timeout on a separate thread: on code without bounded writes and a whole-attempt
 * deadline they hang, and the timeout fails them.
 */
class WriteStallTest {
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    /** What a loaded machine may add to a bound; a hang is unbounded, so this still tells the two apart. */
    private static final Duration SLACK = Duration.ofSeconds(10);
    private static final Duration DRIP = Duration.ofMillis(150);
    private static final List<String> TABLE = new ArrayList<>();

    @RegisterExtension
    final Opened opened = new Opened();

    /** One connection, so that a permit a hung send kept would make the next send fail its claim. */
    private SmtpTransport transport(TestSmtpServer server, TlsMode tls, int maxAttempts) {
        SmtpTransport t = SmtpTransport.create(SmtpConfig.builder("localhost").port(server.port()).tlsMode(tls)
                .sslContext(TestCertificates.trustingClient()).credentials("user", "secret").allowPlaintextAuth(tls == TlsMode.NONE)
                .commandTimeout(COMMAND_TIMEOUT).dataTimeout(COMMAND_TIMEOUT).sendDeadline(DEADLINE)
                .maxConnections(1).claimTimeout(Duration.ofSeconds(2)).maxAttempts(maxAttempts)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(20)).build());
        opened.add(t);
        return t;
    }

    private static EmailMessage message(String subject, int attachmentOctets) {
        EmailMessage.Builder b = EmailMessage.builder().from("news@example.com").to("ana@example.org").subject(subject).text("Hello");
        if (attachmentOctets > 0) {
            byte[] bytes = new byte[attachmentOctets];
            new Random(1).nextBytes(bytes);
            b.attach(Attachment.of("big.bin", bytes, "application/octet-stream"));
        }
        return b.build();
    }

    /** Sends into the fault, checks the typed timeout and its bound, then proves the pool still works. */
    private void failsWithinThenRecovers(String name, TestSmtpServer server, SmtpTransport smtp, EmailMessage stalled,
                                         Duration bound, String expectedOperation) throws Exception {
        long start = System.nanoTime();
        assertThatThrownBy(() -> smtp.send(stalled)).isInstanceOf(MailTimeoutException.class)
                .hasMessageContaining(expectedOperation);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).as("failed within its bound plus slack").isLessThan(bound.plus(SLACK));
        synchronized (TABLE) {
            TABLE.add(String.format("| %s | %d ms | %d ms |", name, bound.toMillis(), took.toMillis()));
        }
        // The permit came back (one connection, 2 s claim timeout) and the next send goes through.
        smtp.send(message("after " + name, 0));
        assertThat(server.awaitMessages(1, Duration.ofSeconds(10))).last()
                .satisfies(m -> assertThat(new String(m.content(), java.nio.charset.StandardCharsets.UTF_8)).contains("after " + name));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void serverThatStopsReadingAfter354() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("user", "secret")
                .on("DATA", ServerAction.stopReading(Duration.ofSeconds(60), "354 End data with <CR><LF>.<CR><LF>"), 1));
        SmtpTransport smtp = transport(server, TlsMode.STARTTLS_REQUIRED, 1);
        // Far more than the socket buffers of both ends hold, so the write blocks.
        failsWithinThenRecovers("stops reading after 354", server, smtp, message("big", 24 * 1024 * 1024),
                COMMAND_TIMEOUT, "the server stopped reading");
    }

    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBatchIntoAServerThatStopsReadingRetriesTheStalledMessageAndDeliversEverything() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("user", "secret")
                .on("DATA", ServerAction.stopReading(Duration.ofSeconds(60), "354 End data with <CR><LF>.<CR><LF>"), 1));
        SmtpTransport smtp = SmtpTransport.create(SmtpConfig.builder("localhost").port(server.port())
                .sslContext(TestCertificates.trustingClient()).credentials("user", "secret")
                .commandTimeout(COMMAND_TIMEOUT).dataTimeout(COMMAND_TIMEOUT).sendDeadline(Duration.ofSeconds(30))
                .maxConnections(1).maxAttempts(2).backoff(Duration.ofMillis(10), Duration.ofMillis(20)).build());
        opened.add(smtp);
        List<dev.mailgate.core.transport.SendResult> results = smtp.sendBatch(List.of(message("big", 24 * 1024 * 1024), message("two", 0),
                message("three", 0)));
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(dev.mailgate.core.transport.SendResult.Sent.class));
        assertThat(server.messages()).as("the stalled attempt stored nothing, the retry did").hasSize(3);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void greetingDrippedLineByLine() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("user", "secret")
                .on(TestSmtpServer.CONNECT, ServerAction.drip("220-please wait\r\n".repeat(150), DRIP), 1));
        failsWithinThenRecovers("drips the greeting", server, transport(server, TlsMode.STARTTLS_REQUIRED, 3), message("m", 0),
                DEADLINE, "the send deadline");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void tlsHandshakeDripped() throws Exception {
        // A plaintext server that answers the client's ClientHello with a 16 KB TLS record, one octet at a time.
        byte[] record = new byte[16 * 1024 + 5];
        record[0] = 0x16;
        record[1] = 0x03;
        record[2] = 0x03;
        record[3] = 0x40;
        TestSmtpServer server = opened.start(TestSmtpServer.builder().auth("user", "secret").authWithoutTls()
                .on(TestSmtpServer.CONNECT, ServerAction.drip(new byte[0], record, DRIP), 1));
        SmtpTransport smtp = transport(server, TlsMode.IMPLICIT, 3);
        long start = System.nanoTime();
        assertThatThrownBy(() -> smtp.send(message("m", 0))).isInstanceOf(MailTimeoutException.class)
                .hasMessageContaining("the send deadline");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isLessThan(DEADLINE.plus(SLACK));
        synchronized (TABLE) {
            TABLE.add(String.format("| drips the TLS handshake | %d ms | %d ms |", DEADLINE.toMillis(), took.toMillis()));
        }
        // The permit came back: the next send gets a connection (and fails fast, the server speaks plaintext now).
        assertThatThrownBy(() -> smtp.send(message("m", 0))).isInstanceOf(dev.mailgate.core.transport.ConnectionException.class)
                .hasMessageContaining("TLS handshake");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void authReplyDripped() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("user", "secret")
                .on("AUTH", ServerAction.drip("235-checking\r\n".repeat(150), DRIP), 1));
        failsWithinThenRecovers("drips the AUTH reply", server, transport(server, TlsMode.STARTTLS_REQUIRED, 3), message("m", 0),
                DEADLINE, "the send deadline");
    }

    @AfterAll
    static void writeTable() {
        List<String> lines = new ArrayList<>(List.of("| fault | bound | failed after |", "|---|---:|---:|"));
        lines.addAll(TABLE);
        try {
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target/write-stall-table.md"), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
