package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sendAsync} queues sends instead of starting a thread per send (issue 25): thousands of pending sends run on
 * at most {@code maxConnections} threads, and every future completes with its receipt or its failure.
 */
class AsyncSendTest {
    @RegisterExtension
    final Opened opened = new Opened();

    private SmtpTransport transport(TestSmtpServer server, int maxConnections) {
        SmtpTransport t = SmtpTransport.create(SmtpConfig.builder("localhost").port(server.port()).tlsMode(TlsMode.NONE)
                .commandTimeout(Duration.ofSeconds(30)).dataTimeout(Duration.ofSeconds(30)).sendDeadline(Duration.ofMinutes(5))
                .maxConnections(maxConnections).build());
        opened.add(t);
        return t;
    }

    private static EmailMessage message(int i) {
        return EmailMessage.builder().from("news@example.com").to("r" + i + "@example.org").subject("m" + i)
                .messageId("m" + i + "@example.com").text("message " + i).build();
    }

    /** Live threads the library started (its executor, watchdog): the test server's threads are named test-smtp-*. */
    private static long mailgateThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().startsWith("mailgate-")).count();
    }

    /**
     * A future's dependent stages run on the thread that completes it. One that sends must not run inside the run's
     * transaction, with the session held: on a pool of one it waited for its own connection until claimTimeout.
     */
    @Test
    @Timeout(60)
    void aCallbackThatSendsWhenItsMessageIsDeliveredGetsAConnection() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder());
        List<Runnable> held = new ArrayList<>();
        SmtpTransport smtp = SmtpTransport.builder(SmtpConfig.builder("localhost").port(server.port()).tlsMode(TlsMode.NONE)
                .maxConnections(1).claimTimeout(Duration.ofSeconds(2)).build()).executor(held::add).build();
        opened.add(smtp);
        List<CompletableFuture<SendReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            futures.add(smtp.sendAsync(message(i)));
        }
        CompletableFuture<SendReceipt> followUp = futures.get(0).thenApply(r -> smtp.send(message(99)));
        // The one drainer, run here once all three are queued: they go out as one run.
        held.get(0).run();

        assertThat(followUp.join().messageId()).contains("m99@example.com");
        assertThat(server.awaitMessages(4, Duration.ofSeconds(10))).hasSize(4);
    }

    /**
     * A listener that throws an Error (not caught for it, unlike a RuntimeException) ends the run; the message
     * delivered before it still completes with its receipt, since the server has it: failing it would invite a resend.
     */
    @Test
    @Timeout(60)
    void aMessageDeliveredBeforeAListenerErrorEndsTheRunKeepsItsReceipt() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder());
        List<Runnable> held = new ArrayList<>();
        SmtpEventListener listener = new SmtpEventListener() {
            @Override
            public void transactionStart(Session session, Send send) {
                if (send.messageId().orElse("").equals("m2@example.com")) {
                    throw new AssertionError("a listener's bug");
                }
            }
        };
        SmtpTransport smtp = SmtpTransport.builder(SmtpConfig.builder("localhost").port(server.port()).tlsMode(TlsMode.NONE)
                .maxConnections(1).build()).listener(listener).executor(held::add).build();
        opened.add(smtp);
        List<CompletableFuture<SendReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            futures.add(smtp.sendAsync(message(i)));
        }
        try {
            held.get(0).run();
        } catch (AssertionError expected) {
            // the listener's, going on as it went before
        }

        assertThat(server.awaitMessages(1, Duration.ofSeconds(5)).get(0).messageId()).contains("m0@example.com");
        assertThat(futures.get(0).join().messageId()).contains("m0@example.com");
    }

    @Test
    @Timeout(300)
    void twoThousandPendingSendsRunOnAtMostMaxConnectionsThreads() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder());
        SmtpTransport smtp = transport(server, 4);
        long before = mailgateThreads();
        List<CompletableFuture<SendReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            futures.add(smtp.sendAsync(message(i)));
        }
        // Right after queueing, when the old code had a thread per pending send (952 of them in issue 25).
        long queued = mailgateThreads();
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        long after = mailgateThreads();

        // 4 drainers, at most one opener per drainer's run (the replacement session opened ahead), and the watchdog's
        // timer and the QUIT thread; idle threads of the shared pool count in `before`.
        assertThat(queued).isLessThanOrEqualTo(before + 4 + 4 + 2);
        assertThat(after).isLessThanOrEqualTo(before + 4 + 4 + 2);
        Set<String> ids = new HashSet<>();
        for (CompletableFuture<SendReceipt> f : futures) {
            ids.add(f.join().messageId().orElseThrow());
        }
        assertThat(ids).hasSize(2000);
        List<ReceivedMessage> got = server.awaitMessages(2000, Duration.ofSeconds(30));
        assertThat(got).hasSize(2000);
        assertThat(got.stream().map(m -> m.messageId().orElseThrow()).distinct().count()).isEqualTo(2000);
    }

    @Test
    @Timeout(60)
    void aDeliveredSendOfARunDoesNotWaitForAnotherOnesRetry() throws Exception {
        // Both queued together, so one drainer sends them as one run; the first one's RCPT is refused for now and
        // retried after a 3 s backoff, the second is delivered: its future must not wait for that retry.
        TestSmtpServer server = opened.start(TestSmtpServer.builder().on("RCPT TO:<r0@", ServerAction.reply("451 4.3.0 try again later"), 1));
        List<Runnable> held = new ArrayList<>();
        SmtpTransport smtp = SmtpTransport.builder(SmtpConfig.builder("localhost").port(server.port()).tlsMode(TlsMode.NONE)
                .maxConnections(1).backoff(Duration.ofSeconds(3), Duration.ofSeconds(3)).build()).executor(held::add).build();
        opened.add(smtp);
        CompletableFuture<SendReceipt> retried = smtp.sendAsync(message(0));
        CompletableFuture<SendReceipt> delivered = smtp.sendAsync(message(1));
        assertThat(held).hasSize(1);
        Thread drainer = new Thread(held.get(0), "test-drainer");
        drainer.start();

        assertThat(delivered.get(10, java.util.concurrent.TimeUnit.SECONDS).messageId()).contains("m1@example.com");
        assertThat(retried).as("still in its backoff when the other one is out").isNotDone();
        assertThat(retried.get(20, java.util.concurrent.TimeUnit.SECONDS).messageId()).contains("m0@example.com");
        drainer.join();
    }

    @Test
    @Timeout(60)
    void anApplicationRuleThatAssertsFailsItsMessageAloneInARun() throws Exception {
        // A Rule with a bug (an AssertionError on the second message): inside a chained run an untyped error ended
        // the run and failed every future, delivered ones too.
        TestSmtpServer server = opened.start(TestSmtpServer.builder());
        List<Runnable> held = new ArrayList<>();
        dev.mailgate.core.validation.Rule buggy = dev.mailgate.core.validation.Rule.of("buggy", m -> {
            if (m.messageId().orElse("").equals("m1@example.com")) {
                throw new AssertionError("a bug in the application's rule");
            }
            return List.of();
        });
        SmtpTransport smtp = SmtpTransport.builder(SmtpConfig.builder("localhost").port(server.port()).tlsMode(TlsMode.NONE)
                .maxConnections(1).build()).rules(List.of(buggy)).executor(held::add).build();
        opened.add(smtp);
        List<CompletableFuture<SendReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            futures.add(smtp.sendAsync(message(i)));
        }
        held.get(0).run();

        assertThat(futures.get(0).join().messageId()).contains("m0@example.com");
        assertThat(futures.get(1)).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(PreparationException.class);
        assertThat(futures.get(2).join().messageId()).contains("m2@example.com");
        assertThat(server.awaitMessages(2, Duration.ofSeconds(10))).hasSize(2);
    }

    @Test
    @Timeout(60)
    void anExecutorThatThrowsFailsTheSendsInsteadOfStrandingThem() throws Exception {
        // Not a RejectedExecutionException: the drainer count stayed raised, and every later send queued for good.
        TestSmtpServer server = opened.start(TestSmtpServer.builder());
        SmtpTransport smtp = SmtpTransport.builder(SmtpConfig.builder("localhost").port(server.port()).tlsMode(TlsMode.NONE)
                .maxConnections(1).build()).executor(task -> {
                    throw new IllegalStateException("the application's executor is shut down");
                }).build();
        opened.add(smtp);
        for (int i = 0; i < 3; i++) {
            assertThat(smtp.sendAsync(message(i))).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause().isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @Timeout(60)
    void failuresCompleteTheFutureExceptionallyAndCloseFailsQueuedSends() throws Exception {
        // Every MAIL is refused for good: each future fails with the server's reply, none hangs.
        TestSmtpServer refusing = opened.start(TestSmtpServer.builder().on("MAIL", ServerAction.reply("550 5.7.1 no")));
        SmtpTransport smtp = transport(refusing, 1);
        CompletableFuture<SendReceipt> refused = smtp.sendAsync(message(1));
        assertThat(refused).failsWithin(Duration.ofSeconds(30)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(dev.mailgate.core.transport.ServerRejectedException.class);

        // A server that holds DATA's reply keeps the only drainer busy; what is queued behind it fails on close.
        TestSmtpServer slow = opened.start(TestSmtpServer.builder().on(TestSmtpServer.DATA_END, ServerAction.stall(Duration.ofSeconds(2))));
        SmtpTransport closing = transport(slow, 1);
        List<CompletableFuture<SendReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            futures.add(closing.sendAsync(message(i)));
        }
        closing.close();
        long closedFailures = 0;
        for (CompletableFuture<SendReceipt> f : futures) {
            try {
                f.join();
            } catch (CompletionException e) {
                // Queued ones fail as closed; those the drainer had taken into its run but not attempted fail as
                // not attempted on the session close() ended: both a ConnectionException, nothing sent.
                if (e.getCause() instanceof ConnectionException) {
                    closedFailures++;
                }
            }
        }
        // At most the one on the wire could have been delivered; every other one failed without being sent.
        assertThat(closedFailures).isGreaterThanOrEqualTo(49);
        assertThat(closing.sendAsync(message(99))).failsWithin(Duration.ofSeconds(5));
    }
}
