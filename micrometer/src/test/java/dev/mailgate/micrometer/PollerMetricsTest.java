package dev.mailgate.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.mailbox.BounceMailboxPoller;
import dev.mailgate.bounce.mailbox.ImapBounceConfig;
import dev.mailgate.bounce.mailbox.ImapSecurity;
import dev.mailgate.bounce.mailbox.ProcessedMessages;
import dev.mailgate.core.event.MailEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The poller against GreenMail's IMAP server, with real bounce mails (fixtures under bounce-samples/emails). */
class PollerMetricsTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bounces@example.com", "bounces", "s3cret"))
            .withPerMethodLifecycle(true);

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final TagHygiene seen = TagHygiene.on(observations);
    private final MailgateMetrics metrics = MailgateMetrics.bindTo(meters, observations);
    private final List<MailEvent> handed = new CopyOnWriteArrayList<>();

    private BounceMailboxPoller poller(String password) {
        ImapBounceConfig config = ImapBounceConfig.builder("127.0.0.1").port(GREENMAIL.getImap().getPort()).security(ImapSecurity.NONE)
                .allowPlaintext(true).credentials("bounces", password).timeout(Duration.ofSeconds(10)).build();
        BounceMailboxPoller p = BounceMailboxPoller.create(config, BounceParser.create(), (report, events) -> handed.addAll(events),
                ProcessedMessages.inMemory());
        p.addListener(BouncePollerMetrics.listener(metrics));
        return p;
    }

    private static void deliver(String... samples) throws Exception {
        GreenMailUser user = GREENMAIL.getUserManager().getUser("bounces");
        for (String sample : samples) {
            try (InputStream in = PollerMetricsTest.class.getResourceAsStream("/bounce-samples/emails/" + sample)) {
                user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(in.readAllBytes())));
            }
        }
    }

    private double count(String name, String... tags) {
        return meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void aPassCountsMessagesByVerdictAndTheBouncesAndComplaintsTheyReport() throws Exception {
        deliver("lhost-postfix-02.eml", "arf-17.eml", "is-not-bounce-02.eml");
        try (BounceMailboxPoller poller = poller("s3cret")) {
            poller.pollOnce();
        }
        assertThat(count("mailgate.bounce.messages", "folder", "INBOX", "verdict", "handled")).isEqualTo(2);
        assertThat(count("mailgate.bounce.messages", "folder", "INBOX", "verdict", "not_a_bounce")).isEqualTo(1);
        assertThat(count("mailgate.bounce.passes", "folder", "INBOX", "outcome", "ok")).isEqualTo(1);
        long bounced = handed.stream().filter(e -> e instanceof MailEvent.Bounced).count();
        assertThat(bounced).as("the Postfix bounce names two recipients").isEqualTo(2);
        assertThat(count("mailgate.bounces", "source", "bounce-mailbox")).isEqualTo(bounced);
        long complaints = handed.stream().filter(e -> e instanceof MailEvent.Complained).count();
        assertThat(complaints).isPositive();
        assertThat(count("mailgate.complaints", "source", "bounce-mailbox")).isEqualTo(complaints);
        assertThat(count("mailgate.events", "source", "bounce-mailbox")).isEqualTo(handed.size());

        // the last pass's age grows on the meter registry's clock until the next pass
        clock.add(Duration.ofSeconds(30));
        assertThat(meters.get("mailgate.bounce.last.pass.age").tag("folder", "INBOX").timeGauge().value(TimeUnit.SECONDS)).isEqualTo(30.0);

        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat().hasNameEqualTo(Names.POLL).hasBeenStarted()
                .hasBeenStopped().hasLowCardinalityKeyValue(Names.FOLDER, "INBOX").hasLowCardinalityKeyValue(Names.OUTCOME, "ok");
        seen.assertNoAddresses(meters);
    }

    @Test
    void aPassThatCannotLogInIsCountedAsFailedAndTheObservationCarriesTheError() {
        try (BounceMailboxPoller poller = poller("wrong")) {
            assertThatThrownBy(poller::pollOnce).hasMessageContaining("login");
        }
        assertThat(count("mailgate.bounce.passes", "folder", "INBOX", "outcome", "failed")).isEqualTo(1);
        assertThat(meters.get("mailgate.bounce.last.pass.age").tag("folder", "INBOX").timeGauge().value(TimeUnit.SECONDS)).isNaN();
        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat().hasBeenStopped()
                .hasLowCardinalityKeyValue(Names.OUTCOME, "failed").assertThatError().hasMessageContaining("login");
    }
}
