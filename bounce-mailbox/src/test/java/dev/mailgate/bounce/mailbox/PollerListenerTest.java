package dev.mailgate.bounce.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailgate.bounce.BounceParser;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The order of the poller's listener calls, against GreenMail's IMAP server. */
class PollerListenerTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bounces@example.com", "bounces", "s3cret"))
            .withPerMethodLifecycle(true);

    /** Writes every call down as one short line. */
    static final class Recorder implements PollerListener {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void passStarted(String folder) {
            calls.add("started " + folder);
        }

        @Override
        public void messageRead(int position, MessageVerdict verdict) {
            String extra = verdict instanceof MessageVerdict.Handled h ? " " + h.events().size() + " event(s)" : "";
            calls.add(position + " " + verdict.id() + extra);
        }

        @Override
        public void passEnded(PollResult result) {
            calls.add("ended " + result.seen());
        }

        @Override
        public void passFailed(RuntimeException error) {
            calls.add("failed " + error.getClass().getSimpleName());
        }
    }

    private static ImapBounceConfig.Builder config() {
        return ImapBounceConfig.builder("127.0.0.1").port(GREENMAIL.getImap().getPort()).security(ImapSecurity.NONE)
                .allowPlaintext(true).credentials("bounces", "s3cret").timeout(Duration.ofSeconds(10));
    }

    private static void deliver(String... samples) throws Exception {
        GreenMailUser user = GREENMAIL.getUserManager().getUser("bounces");
        for (String sample : samples) {
            user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(BounceMailboxPollerTest.sample(sample))));
        }
    }

    @Test
    void eachMessageIsHeardWithItsVerdictBetweenStartAndEnd() throws Exception {
        // the Postfix bounce names two recipients: two events
        deliver("lhost-postfix-02.eml", "is-not-bounce-02.eml", "arf-17.eml");
        AtomicInteger calls = new AtomicInteger();
        BounceHandler failsOnTheComplaint = (report, events) -> {
            if (calls.incrementAndGet() == 2) {
                throw new IllegalStateException("store down");
            }
        };
        Recorder r = new Recorder();
        try (BounceMailboxPoller poller = BounceMailboxPoller.create(config().build(), BounceParser.create(), failsOnTheComplaint,
                ProcessedMessages.inMemory())) {
            poller.addListener(r);
            poller.pollOnce();
            assertThat(r.calls).containsExactly("started INBOX", "1 handled 2 event(s)", "2 not_a_bounce", "3 failed", "ended 3");
            r.calls.clear();
            poller.pollOnce();
            assertThat(r.calls).as("the failed one is offered again").containsExactly("started INBOX", "1 handled 2 event(s)", "ended 1");
        }
    }

    @Test
    void aPassThatCannotGoOnEndsWithPassFailed() {
        Recorder r = new Recorder();
        try (BounceMailboxPoller poller = BounceMailboxPoller.create(config().credentials("bounces", "wrong").build(), BounceParser.create(),
                (report, events) -> {
                }, ProcessedMessages.inMemory())) {
            poller.addListener(r);
            assertThatThrownBy(poller::pollOnce).isInstanceOf(ImapBounceException.class);
            assertThat(r.calls).containsExactly("started INBOX", "failed ImapBounceException");
        }
    }

    @Test
    void aThrowingListenerChangesNothingAndAFactoryMakesOneListenerPerPass() throws Exception {
        deliver("lhost-postfix-02.eml");
        List<Recorder> made = new CopyOnWriteArrayList<>();
        List<String> handled = new CopyOnWriteArrayList<>();
        try (BounceMailboxPoller poller = BounceMailboxPoller.create(config().build(), BounceParser.create(),
                (report, events) -> handled.add(report.format().name()), ProcessedMessages.inMemory())) {
            poller.addListener(new PollerListener() {
                @Override
                public void messageRead(int position, MessageVerdict verdict) {
                    throw new IllegalStateException("boom");
                }

                @Override
                public void passEnded(PollResult result) {
                    throw new IllegalStateException("boom");
                }
            });
            poller.addListener(folder -> {
                Recorder r = new Recorder();
                made.add(r);
                return r;
            });
            PollResult result = poller.pollOnce();
            assertThat(result.handled()).isEqualTo(1);
            assertThat(result.failures()).isEmpty();
            poller.pollOnce();
        }
        assertThat(handled).hasSize(1);
        assertThat(made).hasSize(2);
        assertThat(made.get(0).calls).containsExactly("started INBOX", "1 handled 2 event(s)", "ended 1");
        assertThat(made.get(1).calls).containsExactly("started INBOX", "ended 0");
    }
}
