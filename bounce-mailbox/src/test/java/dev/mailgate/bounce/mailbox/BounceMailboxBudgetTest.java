package dev.mailgate.bounce.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.BounceReport;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-message budget (issue 18) and the server's hierarchy separator (issue 24), against GreenMail, whose
 * separator is "." as Dovecot's is.
 */
class BounceMailboxBudgetTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(new com.icegreen.greenmail.util.ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bounces@example.com", "bounces", "s3cret"))
            .withPerMethodLifecycle(true);

    private final List<BounceReport> handled = new CopyOnWriteArrayList<>();

    @Test
    void aMessageOverItsBudgetIsFiledAsUnhandledAndTheRestGoOn() throws Exception {
        deliver(BounceMailboxPollerTest.sample("lhost-postfix-02.eml"), BounceMailboxPollerTest.sample("arf-17.eml"));
        BounceParser parser = BounceParser.create();
        AtomicInteger reads = new AtomicInteger();
        try (BounceMailboxPoller poller = poller(config().messageBudget(Duration.ofMillis(300)).build())) {
            // the first message reads as slowly as the old parser read 1,000 addresses
            poller.read = raw -> {
                if (reads.incrementAndGet() == 1) {
                    sleep(3_000);
                }
                return parser.parse(raw);
            };
            long start = System.nanoTime();
            PollResult result = poller.pollOnce();
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(result.unhandled()).singleElement().asString()
                    .contains("message 1 of \"INBOX\"", "Message-ID <", "longer than its budget of 300 ms", "moved to \"Mailgate/Not a bounce\"");
            assertThat(result.handled()).as("the bounce behind it").isEqualTo(1);
            assertThat(result.failures()).isEmpty();
            assertThat(millis).as("the pass did not wait for the slow read").isLessThan(2_500);
            assertThat(handled).hasSize(1);
            assertThat(count("INBOX")).isZero();
            assertThat(count("Mailgate.Not a bounce")).isEqualTo(1);

            PollResult next = poller.pollOnce();
            assertThat(next.seen()).as("never retried").isZero();
        }
    }

    @Test
    void whileTwoOverrunReadsStillRunThePassEndsAndTheRestWaits() throws Exception {
        deliver(BounceMailboxPollerTest.sample("lhost-postfix-02.eml"), BounceMailboxPollerTest.sample("arf-17.eml"),
                BounceMailboxPollerTest.sample("rfc3834-02.eml"));
        BounceParser parser = BounceParser.create();
        AtomicInteger reads = new AtomicInteger();
        try (BounceMailboxPoller poller = poller(config().messageBudget(Duration.ofMillis(200)).build())) {
            poller.read = raw -> {
                if (reads.incrementAndGet() <= 2) {
                    sleep(2_000);
                }
                return parser.parse(raw);
            };
            PollResult first = poller.pollOnce();
            assertThat(first.unhandled()).hasSize(2);
            assertThat(first.failures()).singleElement().asString().contains("pass ended before message 3", "still running");
            assertThat(count("INBOX")).as("the third waits, unread").isEqualTo(1);

            Thread.sleep(2_500);
            PollResult second = poller.pollOnce();
            assertThat(second.handled()).isEqualTo(1);
            assertThat(count("INBOX")).isZero();
        }
    }

    @Test
    void theMailOfIssue18IsReadWithinTheDefaultBudget() throws Exception {
        StringBuilder body = new StringBuilder("Return-Path: <>\r\nFrom: MAILER-DAEMON@mx.example.net\r\nTo: bounces@example.com\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\nMessage-ID: <many@mx.example.net>\r\n\r\n");
        for (int i = 0; i < 1_000; i++) {
            body.append("  user").append(i).append("@example.org: unavailable\r\n");
        }
        deliver(body.toString().getBytes(StandardCharsets.US_ASCII));
        try (BounceMailboxPoller poller = poller(config().build())) {
            PollResult result = poller.pollOnce();
            assertThat(result.unhandled()).isEmpty();
            assertThat(result.handled()).isEqualTo(1);
            assertThat(handled.get(0).recipients()).hasSize(1_000);
        }
    }

    @Test
    void foldersAreCreatedInTheServersHierarchy() throws Exception {
        deliver(BounceMailboxPollerTest.sample("lhost-postfix-02.eml"), BounceMailboxPollerTest.sample("is-not-bounce-02.eml"));
        try (BounceMailboxPoller poller = poller(config().build())) {
            assertThat(poller.pollOnce().handled()).isEqualTo(1);
        }
        Store store = Session.getInstance(new Properties()).getStore("imap");
        store.connect("127.0.0.1", GREENMAIL.getImap().getPort(), "bounces", "s3cret");
        try {
            char separator = store.getDefaultFolder().getSeparator();
            assertThat(separator).isEqualTo('.');
            // "Processed" under "Mailgate", not one folder named "Mailgate/Processed" at the top
            assertThat(store.getFolder("Mailgate").list()).extracting(Folder::getName).containsExactlyInAnyOrder("Processed", "Not a bounce");
            assertThat(store.getFolder("Mailgate/Processed").exists()).isFalse();
        } finally {
            store.close();
        }
    }

    private BounceMailboxPoller poller(ImapBounceConfig config) {
        return BounceMailboxPoller.create(config, BounceParser.create(), (report, events) -> handled.add(report),
                ProcessedMessages.inMemory());
    }

    private static ImapBounceConfig.Builder config() {
        return ImapBounceConfig.builder("127.0.0.1").port(GREENMAIL.getImap().getPort()).security(ImapSecurity.NONE)
                .allowPlaintext(true).credentials("bounces", "s3cret").timeout(Duration.ofSeconds(10));
    }

    private static void deliver(byte[]... mails) throws Exception {
        for (byte[] raw : mails) {
            GREENMAIL.getUserManager().getUser("bounces")
                    .deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
        }
    }

    private static int count(String folder) throws Exception {
        return BounceMailboxPollerTest.count(GREENMAIL.getImap().getPort(), folder);
    }

    /** Like a parse that is busy computing: an interrupt does not end it (the parser never checks for one). */
    private static void sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        boolean interrupted = false;
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
