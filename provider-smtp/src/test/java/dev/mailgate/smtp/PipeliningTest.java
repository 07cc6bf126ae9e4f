package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How transactions go on the wire: pipelined groups (RFC 2920) seen as the server's turns, RSET only where the
 * session needs one, the quota and the pace under concurrency and in chains.
 */
class PipeliningTest {
    @RegisterExtension
    final Opened opened = new Opened();

    private TestSmtpServer start(TestSmtpServer.Builder builder) throws Exception {
        TestSmtpServer server = builder.startTls(TestCertificates.localhostServer()).build().start();
        opened.add(server);
        return server;
    }

    private SmtpTransport transport(SmtpConfig.Builder config) {
        return transport(SmtpTransport.builder(config.build()));
    }

    private SmtpTransport transport(SmtpTransport.Builder builder) {
        SmtpTransport t = builder.build();
        opened.add(t);
        return t;
    }

    private static SmtpConfig.Builder config(TestSmtpServer server) {
        return SmtpConfig.builder("localhost").port(server.port()).sslContext(TestCertificates.trustingClient())
                .commandTimeout(Duration.ofSeconds(10)).dataTimeout(Duration.ofSeconds(10)).maxConnections(1)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    private static EmailMessage message(int i, String to) {
        return EmailMessage.builder().from("news@example.com").to(to).subject("m" + i).messageId("m" + i + "@example.com")
                .text("message " + i).build();
    }

    private static List<EmailMessage> batch(int n) {
        List<EmailMessage> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(message(i, "r" + i + "@example.org"));
        }
        return batch;
    }

    /** The server's turns that carry transactions: from the first MAIL to the last content (no EHLO, AUTH, QUIT). */
    private static List<List<String>> transactionTurns(TestSmtpServer server) {
        List<List<String>> turns = server.turns();
        int first = 0;
        while (first < turns.size() && turns.get(first).stream().noneMatch(c -> c.startsWith("MAIL"))) {
            first++;
        }
        int last = turns.size() - 1;
        while (last >= first && !turns.get(last).contains(TestSmtpServer.CONTENT)) {
            last--;
        }
        return turns.subList(first, last + 1);
    }

    private static List<String> verbs(List<String> turn) {
        return turn.stream().map(c -> c.equals(TestSmtpServer.CONTENT) ? c : c.split("[ :]", 2)[0]).toList();
    }

    @Test
    void aSingleSendTakesTwoTurnsCommandsThenContent() throws Exception {
        TestSmtpServer server = start(TestSmtpServer.builder());
        transport(config(server)).send(message(1, "a@example.org, b@example.org"));
        assertThat(transactionTurns(server)).extracting(PipeliningTest::verbs).containsExactly(
                List.of("MAIL", "RCPT", "RCPT", "DATA"), List.of(TestSmtpServer.CONTENT));
    }

    @Test
    void aBatchTakesOneTurnPerMessageContentAndNextCommandsTogether() throws Exception {
        TestSmtpServer server = start(TestSmtpServer.builder());
        List<SendResult> results = transport(config(server)).sendBatch(batch(5));
        assertThat(results).allMatch(r -> r instanceof SendResult.Sent);
        List<List<String>> turns = transactionTurns(server);
        assertThat(turns).as("one turn per message, plus the first message's commands").hasSize(6);
        assertThat(verbs(turns.get(0))).containsExactly("MAIL", "RCPT", "DATA");
        for (int i = 1; i < 5; i++) {
            assertThat(verbs(turns.get(i))).containsExactly(TestSmtpServer.CONTENT, "MAIL", "RCPT", "DATA");
        }
        assertThat(verbs(turns.get(5))).containsExactly(TestSmtpServer.CONTENT);
    }

    @Test
    void aLongBatchIsOneChainUntilTheSessionIsFull() throws Exception {
        // Runs of at most 64 messages drained their session in between: 90 messages took 92 turns (two chain
        // starts, each first message two turns, the content waiting for the 354); one chain takes 91 (issue 25).
        TestSmtpServer server = start(TestSmtpServer.builder());
        List<SendResult> results = transport(config(server).maxMessagesPerConnection(100)).sendBatch(batch(90));
        assertThat(results).allMatch(r -> r instanceof SendResult.Sent);
        List<List<String>> turns = transactionTurns(server);
        assertThat(turns).as("one turn per message, plus the first message's commands").hasSize(91);
        for (int i = 1; i < 90; i++) {
            assertThat(verbs(turns.get(i))).as("turn %d", i).containsExactly(TestSmtpServer.CONTENT, "MAIL", "RCPT", "DATA");
        }
    }

    @Test
    @Timeout(60)
    void sendAsyncCallsQueuedTogetherGoOutChainedOneTurnEach() throws Exception {
        // The drainer is held until all ten are queued, as when many callers send at once on a busy connection.
        TestSmtpServer server = start(TestSmtpServer.builder());
        List<Runnable> held = new ArrayList<>();
        SmtpTransport smtp = transport(SmtpTransport.builder(config(server).build()).executor(held::add));
        List<CompletableFuture<dev.mailgate.core.transport.SendReceipt>> futures = new ArrayList<>();
        for (EmailMessage m : batch(10)) {
            futures.add(smtp.sendAsync(m));
        }
        assertThat(held).as("one drainer for the one connection").hasSize(1);
        held.get(0).run();

        for (int i = 0; i < 10; i++) {
            assertThat(futures.get(i).join().messageId()).contains("m" + i + "@example.com");
        }
        // Ten sends one by one took 20 turns; chained like a batch, 11.
        List<List<String>> turns = transactionTurns(server);
        assertThat(turns).hasSize(11);
        for (int i = 1; i < 10; i++) {
            assertThat(verbs(turns.get(i))).containsExactly(TestSmtpServer.CONTENT, "MAIL", "RCPT", "DATA");
        }
    }

    @Test
    void withoutPipeliningEveryCommandIsATurnOfItsOwn() throws Exception {
        // The same recorder tells lock-step apart, so the tests above can fail.
        TestSmtpServer server = start(TestSmtpServer.builder().pipelining(false));
        transport(config(server)).send(message(1, "a@example.org"));
        assertThat(transactionTurns(server)).extracting(PipeliningTest::verbs).containsExactly(
                List.of("MAIL"), List.of("RCPT"), List.of("DATA"), List.of(TestSmtpServer.CONTENT));
    }

    @Test
    void rsetOnlyAfterAFailedTransaction() throws Exception {
        TestSmtpServer server = start(TestSmtpServer.builder()
                .on("RCPT TO:<gone@", ServerAction.reply("550 5.1.1 <gone@example.org>: Recipient address rejected")));
        SmtpTransport smtp = transport(config(server));
        smtp.send(message(1, "a@example.org"));
        smtp.send(message(2, "b@example.org"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> smtp.send(message(3, "gone@example.org")))
                .isInstanceOf(ServerRejectedException.class);
        smtp.send(message(4, "c@example.org"));
        smtp.send(message(5, "d@example.org"));
        List<String> cmds = server.commands().stream().filter(c -> c.startsWith("MAIL") || c.equals("RSET")).toList();
        assertThat(cmds).extracting(c -> c.split("[ :]", 2)[0])
                .as("one RSET, before the transaction after the failed one").containsExactly("MAIL", "MAIL", "MAIL", "RSET", "MAIL", "MAIL");
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theDailyQuotaHoldsUnderConcurrency() throws Exception {
        TestSmtpServer server = start(TestSmtpServer.builder()
                .on("RCPT TO:<bad", ServerAction.reply("550 5.1.1 no such user")));
        SmtpTransport smtp = transport(config(server).maxConnections(4).maxPerDay(5));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Object>> sends = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                EmailMessage m = message(i, (i % 4 == 0 ? "bad" : "r") + i + "@example.org");
                sends.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return smtp.send(m);
                    } catch (RuntimeException e) {
                        return e;
                    }
                }, threads));
            }
            List<Object> outcomes = sends.stream().map(CompletableFuture::join).toList();
            long sent = outcomes.stream().filter(o -> o instanceof dev.mailgate.core.transport.SendReceipt).count();
            assertThat(outcomes).allMatch(o -> o instanceof dev.mailgate.core.transport.SendReceipt
                    || o instanceof QuotaExceededException || o instanceof ServerRejectedException);
            // A refused message holds its share while it is in flight (others meanwhile hear "quota exceeded") and
            // gives it back afterwards: never more than the quota, and the count is what was really sent.
            assertThat(sent).isBetween(1L, 5L);
            assertThat(server.messages()).hasSize((int) sent);
            assertThat(smtp.sentToday()).isEqualTo(sent);
            for (long i = sent; i < 5; i++) {
                smtp.send(message(100 + (int) i, "late" + i + "@example.org"));
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> smtp.send(message(200, "over@example.org")))
                    .isInstanceOf(QuotaExceededException.class);
            assertThat(server.messages()).hasSize(5);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * A delivery's report (receipt, listener) waits for the next write only when that write follows at once, the next
     * message chained; a message that waits for its pace slot first does not hold the one before it back for that
     * long: its transactionEnd comes before the next one's transactionStart.
     */
    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDeliveryIsReportedBeforeTheNextMessageWaitsForItsPaceSlot() throws Exception {
        TestSmtpServer server = start(TestSmtpServer.builder());
        List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
        SmtpEventListener listener = new SmtpEventListener() {
            @Override
            public void transactionStart(Session session, Send send) {
                events.add("start " + send.messageId().orElse("?"));
            }

            @Override
            public void transactionEnd(Session session, Send send, dev.mailgate.core.transport.SendReceipt receipt) {
                events.add("end " + send.messageId().orElse("?"));
            }
        };
        SmtpTransport smtp = transport(SmtpTransport.builder(config(server).maxPerSecond(1).build()).listener(listener));
        assertThat(smtp.sendBatch(batch(3))).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(events).containsExactly("start m0@example.com", "end m0@example.com", "start m1@example.com",
                "end m1@example.com", "start m2@example.com", "end m2@example.com");
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theBatchPaceWaitsBeforeMailFromNeverAfterThe354() throws Exception {
        // The server gives up on content that does not come within 700 ms of its 354; the pace is 1 per second.
        TestSmtpServer server = start(TestSmtpServer.builder().dataTimeout(Duration.ofMillis(700)));
        SmtpTransport smtp = transport(config(server).maxPerSecond(1).maxAttempts(1));
        List<SendResult> results = smtp.sendBatch(batch(3));
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Sent.class));
        assertThat(server.messages()).hasSize(3);
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBatchWaitsForTheDailyResetOutsideAnySessionNeverAfterA354() throws Exception {
        // 0.8 s before UTC midnight, a quota of 2 a day, waiting for the reset allowed: messages 3 and 4 wait.
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant midnight = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).plusDays(1)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        java.time.Clock clock = java.time.Clock.offset(java.time.Clock.systemUTC(),
                Duration.between(now, midnight.minusMillis(800)));
        TestSmtpServer server = start(TestSmtpServer.builder().dataTimeout(Duration.ofMillis(500)));
        SmtpTransport smtp = transport(SmtpTransport.builder(config(server).maxPerDay(2).waitForQuota(true).maxAttempts(1).build())
                .clock(clock));
        List<SendResult> results = smtp.sendBatch(batch(4));
        assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Sent.class));
        assertThat(server.messages()).hasSize(4);
        assertThat(smtp.sentToday()).as("two on the new day").isEqualTo(2);
    }

    @Test
    void aPreparerThatThrowsFailsItsMessageOnlyAndTheOthersAreReported() throws Exception {
        TestSmtpServer server = start(TestSmtpServer.builder());
        SmtpTransport smtp = transport(SmtpTransport.builder(config(server).build()).preparer(m -> {
            if (((EmailMessage) m).subject().orElse("").equals("m2")) {
                throw new IllegalStateException("no envelope policy for m2");
            }
            return m;
        }));
        List<SendResult> results;
        try {
            results = smtp.sendBatch(batch(4));
        } catch (CompletionException e) {
            throw new AssertionError("the batch failed as a whole and lost the results of the sent messages", e);
        }
        assertThat(results).hasSize(4);
        assertThat(results.get(2)).isInstanceOfSatisfying(SendResult.Failed.class, f -> {
            assertThat(f.error()).isInstanceOf(PreparationException.class).hasMessageContaining("no envelope policy for m2")
                    .hasMessageContaining("m2@example.com");
            assertThat(f.error().isRetrySafe()).isFalse();
        });
        assertThat(List.of(results.get(0), results.get(1), results.get(3))).allMatch(r -> r instanceof SendResult.Sent);
        assertThat(server.messages()).hasSize(3);
        OutboundMessage m2 = batch(4).get(2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> smtp.send(m2)).isInstanceOf(PreparationException.class);
    }
}
