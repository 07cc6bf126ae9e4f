package dev.mailgate.episerver;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailgate.bounce.mailbox.BounceMailboxPoller;
import dev.mailgate.bounce.mailbox.ImapBounceConfig;
import dev.mailgate.bounce.mailbox.ImapSecurity;
import dev.mailgate.bounce.mailbox.ProcessedMessages;
import dev.mailgate.core.event.EventType;
import dev.mailgate.core.event.MailEvent;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bounce forwarding mailbox, watched with the bounce-codec poller against GreenMail IMAP. */
class EpiserverBouncesTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bounces@example-mail.net", "bounces", "s3cret"));

    @Test
    void forwardedBouncesReachTheApplication() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/episerver/forwarded-bounce.eml")) {
            GREENMAIL.getUserManager().getUser("bounces").deliver(new MimeMessage(Session.getInstance(new Properties()), in));
        }
        EpiserverConfig config = EpiserverConfig.builder().sendingDomain("news.example.com")
                .bounceForwardingAddress("bounces@example-mail.net").credentials("u", "p").build();
        ImapBounceConfig mailbox = ImapBounceConfig.builder("127.0.0.1").port(GREENMAIL.getImap().getPort())
                .security(ImapSecurity.NONE).allowPlaintext(true).credentials("bounces", "s3cret").timeout(Duration.ofSeconds(10))
                .build();
        List<MailEvent> events = new CopyOnWriteArrayList<>();

        try (BounceMailboxPoller poller = EpiserverBounces.watch(mailbox, ProcessedMessages.inMemory(), events::add)) {
            assertThat(poller.pollOnce().handled()).isEqualTo(1);
        }

        assertThat(events).extracting(MailEvent::type).containsExactly(EventType.BOUNCED, EventType.BOUNCED, EventType.DELIVERED);
        assertThat(events.get(0).recipient()).hasValueSatisfying(a -> assertThat(a.address()).isEqualTo("gone@example.org"));
    }
}
