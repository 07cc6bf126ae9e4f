package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.mailbox.BounceMailboxPoller;
import dev.mailgate.bounce.mailbox.ImapBounceConfig;
import dev.mailgate.bounce.mailbox.ImapSecurity;
import dev.mailgate.bounce.mailbox.ProcessedMessages;
import dev.mailgate.cloudmailin.webhook.CloudMailinWebhookCodec;
import dev.mailgate.core.MailException;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.OutcomeUnknownException;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.webhook.BasicAuthenticator;
import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.suppression.SuppressionPolicy;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.store.InMemorySuppressionStore;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A bounded soak: a pooled transport sends continuously to a flaky SMTP peer (random 421, 451, resets, resets after
 * the final dot) while the bounce poller ingests bounce mails from an IMAP box (IDLE) and the webhook handler takes
 * CloudMailin POSTs (a fifth of them replays). Afterwards every message, bounce and event is accounted for on both
 * sides, and no connections, threads or file handles are left over and the heap is flat. 60 s in the build;
 * {@code -Dsoak.seconds=300} (or more) for the documented longer run. Figures go to target/soak.md.
 */
class SoakTest {
    private static final List<String> BOUNCES = List.of("lhost-postfix-02.eml", "lhost-exim-01.eml", "arf-17.eml", "rfc3464-04.eml", "lhost-qmail-02.eml");

    @Test
    void everythingIsAccountedForAndNothingLeaks() throws Exception {
        long seconds = Long.getLong("soak.seconds", 60);
        int threadsBefore = mailgateThreads();
        long fdsBefore = openFileDescriptors();

        TestSmtpServer smtp = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("user", "secret")
                .onRandomly("MAIL", ServerAction.reply("421 4.7.0 Try again later"), 0.01, 1)
                .onRandomly("RCPT", ServerAction.disconnect(), 0.005, 2)
                .onRandomly(TestSmtpServer.DATA_END, ServerAction.reply("451 4.3.0 Queue full"), 0.01, 3)
                .onRandomly(TestSmtpServer.DATA_END, ServerAction.disconnect(), 0.002, 4)
                .build().start();
        GreenMail imap = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        imap.withConfiguration(GreenMailConfiguration.aConfig().withUser("bounces@example.com", "bounces", "s3cret"));
        imap.start();

        Suppressions suppressions = new Suppressions(new InMemorySuppressionStore(), SuppressionPolicy.defaults());
        Set<String> bouncesHandled = ConcurrentHashMap.newKeySet();
        AtomicInteger bounceHandlerCalls = new AtomicInteger();
        BounceMailboxPoller poller = BounceMailboxPoller.create(ImapBounceConfig.builder("127.0.0.1").port(imap.getImap().getPort())
                        .security(ImapSecurity.NONE).allowPlaintext(true).credentials("bounces", "s3cret").timeout(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofSeconds(1)).build(), BounceParser.create(),
                (report, events) -> {
                    bounceHandlerCalls.incrementAndGet();
                    bouncesHandled.add(report.original().messageId().orElse("") + "|" + new String(report.raw(), StandardCharsets.ISO_8859_1).hashCode());
                    suppressions.ingestAll(events);
                }, ProcessedMessages.inMemory());
        poller.start();

        List<MailEvent> webhookEvents = new CopyOnWriteArrayList<>();
        HttpServer http = CloudMailinExample.mount(WebhookHandler.builder(new CloudMailinWebhookCodec())
                .authenticator(BasicAuthenticator.of("cloudmailin", "secret")).listener(batch -> {
                    webhookEvents.addAll(batch);
                    suppressions.ingestAll(batch);
                }).build(), "/hooks");

        SmtpTransport transport = SmtpTransport.create(SmtpConfig.builder("localhost").port(smtp.port())
                .sslContext(TestCertificates.trustingClient()).credentials("user", "secret").maxConnections(4)
                .commandTimeout(Duration.ofSeconds(2)).dataTimeout(Duration.ofSeconds(2))
                .maxAttempts(4).backoff(Duration.ofMillis(5), Duration.ofMillis(50)).build());

        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        Set<String> failed = ConcurrentHashMap.newKeySet();
        Set<String> unknown = ConcurrentHashMap.newKeySet();
        AtomicLong attempted = new AtomicLong();
        List<Long> heap = new CopyOnWriteArrayList<>();
        AtomicInteger bouncesDelivered = new AtomicInteger();
        Set<String> eventIdsPosted = ConcurrentHashMap.newKeySet();
        AtomicInteger posts = new AtomicInteger();
        List<Throwable> errors = new CopyOnWriteArrayList<>();

        Thread sender = worker("soak-sender", errors, () -> {
            for (int round = 0; System.nanoTime() < deadline; round++) {
                List<EmailMessage> batch = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    batch.add(EmailMessage.builder().from("news@example.com").to("r" + i + "@example.org").subject("soak " + round + "/" + i)
                            .messageId("soak-" + round + "-" + i + "@example.com").text("message " + round + "/" + i + "\n").build());
                }
                attempted.addAndGet(batch.size());
                for (SendResult r : transport.sendBatch(batch)) {
                    String id = ((EmailMessage) r.message()).messageId().orElseThrow();
                    if (r instanceof SendResult.Sent) {
                        sent.add(id);
                    } else {
                        MailException e = ((SendResult.Failed) r).error();
                        (e instanceof OutcomeUnknownException ? unknown : failed).add(id);
                    }
                }
            }
        });
        Thread bouncer = worker("soak-bouncer", errors, () -> {
            GreenMailUser user = imap.getUserManager().getUser("bounces");
            for (int n = 0; System.nanoTime() < deadline; n++) {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(sample(BOUNCES.get(n % BOUNCES.size()))));
                m.setHeader("Message-ID", "<bounce-" + n + "@soak.example>");
                user.deliver(m);
                bouncesDelivered.incrementAndGet();
                Thread.sleep(200);
            }
        });
        Thread poster = worker("soak-poster", errors, () -> {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/hooks");
            String auth = "Basic " + Base64.getEncoder().encodeToString("cloudmailin:secret".getBytes(StandardCharsets.UTF_8));
            String previous = null;
            for (int n = 0; System.nanoTime() < deadline; n++) {
                String payload = n % 5 == 4 && previous != null ? previous
                        : "{\"events\":[{\"kind\":\"delivery\",\"recipient\":\"d" + n + "@example.net\",\"message_id\":\"w" + n + "\",\"details\":{}},"
                        + "{\"kind\":\"bounce\",\"recipient\":\"b" + n + "@example.net\",\"message_id\":\"w" + n + "b\",\"details\":{\"response\":\"550 5.1.1 user unknown\"}}]}";
                if (payload != previous) {
                    eventIdsPosted.add("d" + n);
                    eventIdsPosted.add("b" + n);
                }
                int status = client.send(HttpRequest.newBuilder(uri).header("Authorization", auth).POST(HttpRequest.BodyPublishers.ofString(payload)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                assertThat(status).isEqualTo(200);
                posts.incrementAndGet();
                previous = payload;
                Thread.sleep(50);
            }
        });
        Thread sampler = worker("soak-heap", errors, () -> {
            while (System.nanoTime() < deadline) {
                Thread.sleep(Math.max(1000, seconds * 1000 / 12));
                System.gc();
                heap.add(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
        });
        for (Thread t : List.of(sender, bouncer, poster, sampler)) {
            t.join(Duration.ofSeconds(seconds + 120).toMillis());
            assertThat(t.isAlive()).as(t.getName() + " finished").isFalse();
        }
        assertThat(errors).as("worker errors").isEmpty();
        // The poller's interval is 1 s: every bounce must be in within a few intervals of the last delivery (a mail
        // that arrived during a pass once waited for the next arrival, because IDLE never announces it).
        long drainDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (bouncesHandled.size() < bouncesDelivered.get() && System.nanoTime() < drainDeadline) {
            Thread.sleep(100);
        }

        // Stop everything, then count what is left.
        poller.close();
        http.stop(0);
        transport.close();
        List<String> stored = smtp.messages().stream().map(m -> m.messageId().orElseThrow()).toList();
        Thread.sleep(500);
        int serverConnectionsAfterClose = smtp.openConnections();
        smtp.close();
        imap.stop();
        Thread.sleep(1000);
        System.gc();
        int threadsAfter = mailgateThreads();
        long fdsAfter = openFileDescriptors();

        // Messages: one result each; every receipt stored once; nothing failed stored; the rest reported unknown.
        assertThat(sent.size() + failed.size() + unknown.size()).isEqualTo(attempted.get());
        assertThat(new HashSet<>(stored)).as("no message stored twice").hasSize(stored.size());
        assertThat(stored).containsAll(sent);
        assertThat(stored.stream().filter(failed::contains).toList()).as("failed but stored").isEmpty();
        Set<String> storedWithoutReceipt = new HashSet<>(stored);
        storedWithoutReceipt.removeAll(sent);
        assertThat(unknown).containsAll(storedWithoutReceipt);
        // Bounces: each delivered bounce handled exactly once.
        assertThat(bouncesHandled).as("bounces handled within 5 s of the last delivery").hasSize(bouncesDelivered.get());
        assertThat(bounceHandlerCalls.get()).isEqualTo(bouncesDelivered.get());
        // Webhook: each posted event reached the application once, replays did not.
        assertThat(webhookEvents.stream().map(e -> e.details().recipient().orElseThrow().address().replaceAll("@.*", "")).toList())
                .hasSize(eventIdsPosted.size()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(eventIdsPosted);
        // Leaks
        assertThat(serverConnectionsAfterClose).as("SMTP connections left open after close()").isZero();
        assertThat(threadsAfter).as("Mailgate threads after close (shared async pool aside)").isLessThanOrEqualTo(threadsBefore);
        assertThat(fdsAfter - fdsBefore).as("file descriptors left over").isLessThanOrEqualTo(16);
        long firstHalfMax = heap.subList(0, heap.size() / 2).stream().max(Long::compare).orElse(0L);
        long secondHalfMax = heap.subList(heap.size() / 2, heap.size()).stream().max(Long::compare).orElse(0L);
        assertThat(secondHalfMax).as("heap after GC stays flat").isLessThanOrEqualTo(firstHalfMax + firstHalfMax / 2 + 32 * 1024 * 1024);

        String report = String.format(Locale.ROOT, """
                | figure | value |
                |---|---:|
                | duration | %d s |
                | messages attempted | %d |
                | sent (receipt) | %d |
                | failed, retry-safe (typed error) | %d |
                | outcome unknown (reported, not resent) | %d |
                | stored by the SMTP peer | %d |
                | stored without a receipt (all reported unknown) | %d |
                | lost / duplicated messages | 0 / 0 |
                | bounce mails delivered / handled once | %d / %d |
                | webhook POSTs (a fifth replays) / distinct events / events handed to the application | %d / %d / %d |
                | SMTP connections open after close | %d |
                | Mailgate threads before / after | %d / %d |
                | file descriptors before / after | %d / %d |
                | heap after GC, max first half / second half | %d MB / %d MB |
                """, seconds, attempted.get(), sent.size(), failed.size(), unknown.size(), stored.size(), storedWithoutReceipt.size(),
                bouncesDelivered.get(), bouncesHandled.size(), posts.get(), eventIdsPosted.size(), webhookEvents.size(),
                serverConnectionsAfterClose, threadsBefore, threadsAfter, fdsBefore, fdsAfter, firstHalfMax >> 20, secondHalfMax >> 20);
        Files.writeString(Path.of("target/soak.md"), report);
    }

    private interface Body {
        void run() throws Exception;
    }

    private static Thread worker(String name, List<Throwable> errors, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                errors.add(e);
            }
        }, name);
        t.start();
        return t;
    }

    /** Threads Mailgate starts and must stop on close: the poller, the publisher (the shared async pool is reused). */
    private static int mailgateThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("mailgate-") && !t.getName().startsWith("mailgate-async-")).count();
    }

    private static long openFileDescriptors() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        }
    }

    private static byte[] sample(String name) throws IOException {
        try (InputStream in = SoakTest.class.getResourceAsStream("/soak/" + name)) {
            return in.readAllBytes();
        }
    }
}
