package dev.mailgate.bounce.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.BounceReport;
import dev.mailgate.core.event.EventType;
import dev.mailgate.core.event.MailEvent;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The poller against GreenMail's IMAP and IMAPS servers, an independent implementation. */
class BounceMailboxPollerTest {
    private static final ServerSetup[] SETUPS = ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP, ServerSetupTest.IMAPS});

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(SETUPS)
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bounces@example.com", "bounces", "s3cret"))
            .withPerMethodLifecycle(true);

    private final List<BounceReport> handled = new CopyOnWriteArrayList<>();
    private final List<MailEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        handled.clear();
        events.clear();
    }

    @Test
    void handlesBouncesMovesThemAndSetsAsideWhatIsNotABounce() throws Exception {
        deliver("lhost-postfix-02.eml", "arf-17.eml", "is-not-bounce-02.eml", "rfc3834-02.eml");
        try (BounceMailboxPoller poller = poller(plainConfig().build(), ProcessedMessages.inMemory())) {
            PollResult result = poller.pollOnce();

            assertThat(result.seen()).isEqualTo(4);
            assertThat(result.handled()).isEqualTo(3);
            assertThat(result.notBounces()).isEqualTo(1);
            assertThat(result.failures()).isEmpty();
            assertThat(events).extracting(MailEvent::type)
                    .contains(EventType.BOUNCED, EventType.COMPLAINED, EventType.AUTO_REPLIED);
            assertThat(count("INBOX")).isZero();
            assertThat(count("Mailgate.Processed")).isEqualTo(3);
            assertThat(count("Mailgate.Not a bounce")).isEqualTo(1);
            // GreenMail separates with "."; the configured names use "/" whatever the server does
            assertThat(poller.listFolders()).contains("INBOX", "Mailgate/Processed", "Mailgate/Not a bounce");
        }
    }

    @Test
    void aFailingHandlerLeavesTheMessageInPlaceForTheNextPass() throws Exception {
        deliver("lhost-postfix-02.eml");
        AtomicInteger calls = new AtomicInteger();
        BounceHandler flaky = (report, evs) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("suppression store unavailable");
            }
            handled.add(report);
        };
        try (BounceMailboxPoller poller = BounceMailboxPoller.create(plainConfig().build(), BounceParser.create(), flaky,
                ProcessedMessages.inMemory())) {
            PollResult first = poller.pollOnce();
            assertThat(first.handled()).isZero();
            assertThat(first.failures()).singleElement().asString().contains("suppression store unavailable");
            assertThat(count("INBOX")).isEqualTo(1);

            PollResult second = poller.pollOnce();
            assertThat(second.handled()).isEqualTo(1);
            assertThat(handled).hasSize(1);
            assertThat(count("INBOX")).isZero();
        }
    }

    @Test
    void aCrashBetweenHandlingAndMovingDoesNotCountTwice(@TempDir Path dir) throws Exception {
        deliver("lhost-postfix-02.eml");
        Path log = dir.resolve("processed.txt");
        try (BounceMailboxPoller crashing = poller(plainConfig().build(), ProcessedMessages.file(log))) {
            crashing.afterHandled = () -> {
                throw new IllegalStateException("simulated crash before the move");
            };
            PollResult result = crashing.pollOnce();
            assertThat(result.failures()).hasSize(1);
        }
        assertThat(handled).hasSize(1);
        assertThat(count("INBOX")).as("the message was not moved").isEqualTo(1);

        // a new process: the durable log remembers the Message-ID
        try (BounceMailboxPoller restarted = poller(plainConfig().build(), ProcessedMessages.file(log))) {
            PollResult result = restarted.pollOnce();
            assertThat(result.duplicates()).isEqualTo(1);
            assertThat(result.handled()).isZero();
        }
        assertThat(handled).as("handled once in total").hasSize(1);
        assertThat(count("INBOX")).isZero();
        assertThat(count("Mailgate.Processed")).isEqualTo(1);
    }

    @Test
    void imapsWithACustomTrustStore() throws Exception {
        deliver("lhost-postfix-02.eml");
        ImapBounceConfig config = ImapBounceConfig.builder("127.0.0.1").port(GREENMAIL.getImaps().getPort())
                .security(ImapSecurity.IMPLICIT_TLS).sslContext(greenMailTrust())
                // GreenMail's certificate names no host: host-name checking off here, explicitly; the chain is verified
                .verifyHostname(false).credentials("bounces", "s3cret").build();
        try (BounceMailboxPoller poller = poller(config, ProcessedMessages.inMemory())) {
            assertThat(poller.pollOnce().handled()).isEqualTo(1);
        }
    }

    @Test
    void imapsRefusesAnUntrustedCertificate() {
        ImapBounceConfig config = ImapBounceConfig.builder("127.0.0.1").port(GREENMAIL.getImaps().getPort())
                .security(ImapSecurity.IMPLICIT_TLS).credentials("bounces", "s3cret").timeout(Duration.ofSeconds(5)).build();
        try (BounceMailboxPoller poller = poller(config, ProcessedMessages.inMemory())) {
            assertThatThrownBy(poller::pollOnce).isInstanceOf(ImapBounceException.class)
                    .hasMessageContaining("connecting to 127.0.0.1").hasMessageContaining("certification path");
        }
    }

    @Test
    void starttlsIsRequiredNotOptional() {
        // GreenMail's plain IMAP does not offer STARTTLS: the poller must refuse to log in rather than fall back
        ImapBounceConfig config = ImapBounceConfig.builder("127.0.0.1").port(GREENMAIL.getImap().getPort())
                .security(ImapSecurity.STARTTLS).credentials("bounces", "s3cret").timeout(Duration.ofSeconds(5)).build();
        try (BounceMailboxPoller poller = poller(config, ProcessedMessages.inMemory())) {
            assertThatThrownBy(poller::pollOnce).isInstanceOf(ImapBounceException.class).hasMessageContaining("STARTTLS");
        }
    }

    @Test
    void wrongPasswordAndMissingFolderAreClearErrors() {
        ImapBounceConfig wrong = plainConfig().credentials("bounces", "nope").build();
        try (BounceMailboxPoller poller = poller(wrong, ProcessedMessages.inMemory())) {
            assertThatThrownBy(poller::pollOnce).isInstanceOf(ImapBounceException.class).hasMessageContaining("login as bounces");
        }
        ImapBounceConfig missing = plainConfig().folder("Bounces").build();
        try (BounceMailboxPoller poller = poller(missing, ProcessedMessages.inMemory())) {
            assertThatThrownBy(poller::pollOnce).isInstanceOf(ImapBounceException.class)
                    .hasMessageContaining("folder \"Bounces\" does not exist").hasMessageContaining("INBOX");
        }
    }

    @Test
    void plaintextNeedsExplicitOptIn() {
        assertThatThrownBy(() -> ImapBounceConfig.builder("localhost").security(ImapSecurity.NONE).credentials("u", "p").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowPlaintext");
        assertThatThrownBy(() -> ImapBounceConfig.builder("localhost").credentials("u", "p").processedFolder("INBOX").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
    }

    @Test
    void backgroundPollingPicksUpNewMailWithIdle() throws Exception {
        // a poll interval far longer than the test: only IDLE can deliver the bounce in time
        ImapBounceConfig config = plainConfig().pollInterval(Duration.ofMinutes(10)).build();
        try (BounceMailboxPoller poller = poller(config, ProcessedMessages.inMemory())) {
            poller.start();
            Thread.sleep(500);
            deliver("lhost-postfix-02.eml");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (handled.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(handled).hasSize(1);
        }
    }

    @Test
    void withoutIdleTheIntervalDecides() throws Exception {
        ImapBounceConfig config = plainConfig().useIdle(false).pollInterval(Duration.ofMillis(200)).build();
        try (BounceMailboxPoller poller = poller(config, ProcessedMessages.inMemory())) {
            poller.start();
            deliver("arf-17.eml");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (handled.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(handled).hasSize(1);
            assertThat(events).extracting(MailEvent::type).containsOnly(EventType.COMPLAINED);
        }
    }

    private BounceMailboxPoller poller(ImapBounceConfig config, ProcessedMessages processed) {
        return BounceMailboxPoller.create(config, BounceParser.create(), (report, evs) -> {
            handled.add(report);
            events.addAll(evs);
        }, processed);
    }

    private static ImapBounceConfig.Builder plainConfig() {
        return ImapBounceConfig.builder("127.0.0.1").port(GREENMAIL.getImap().getPort()).security(ImapSecurity.NONE)
                .allowPlaintext(true).credentials("bounces", "s3cret").timeout(Duration.ofSeconds(10));
    }

    private static void deliver(String... samples) throws Exception {
        GreenMailUser user = GREENMAIL.getUserManager().getUser("bounces");
        for (String sample : samples) {
            byte[] raw = sample(sample);
            user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw)));
        }
    }

    private static int count(String folder) throws Exception {
        return count(GREENMAIL.getImap().getPort(), folder);
    }

    /** Messages in a folder of the test user, not counting those marked deleted; 0 when the folder does not exist. */
    static int count(int port, String folder) throws Exception {
        Properties p = new Properties();
        Store store = Session.getInstance(p).getStore("imap");
        store.connect("127.0.0.1", port, "bounces", "s3cret");
        try {
            Folder f = store.getFolder(folder);
            if (!f.exists()) {
                return 0;
            }
            f.open(Folder.READ_ONLY);
            try {
                return f.getMessageCount() - f.getDeletedMessageCount();
            } finally {
                f.close(false);
            }
        } finally {
            store.close();
        }
    }

    static byte[] sample(String name) throws IOException {
        try (InputStream in = BounceMailboxPollerTest.class.getResourceAsStream("/bounce-samples/emails/" + name)) {
            return in.readAllBytes();
        }
    }

    private static SSLContext greenMailTrust() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = GreenMailExtension.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            ks.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
