package dev.mailgate.bounce.mailbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailgate.bounce.BounceParser;
import dev.mailgate.testing.net.FaultProxy;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The IMAP server "dropping mid-move": a proxy in front of GreenMail cuts the connection at the poller's MOVE/COPY,
 * before the server sees it or after the server did it but before the poller heard so. Next passes must leave every
 * bounce handled exactly once and filed exactly once: nothing lost, nothing counted or moved twice.
 */
class BounceMailboxFaultTest {
    private static final List<String> SAMPLES = List.of("lhost-postfix-02.eml", "lhost-exim-01.eml", "lhost-sendmail-02.eml",
            "arf-17.eml", "rfc3464-04.eml", "lhost-qmail-02.eml");

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("bounces@example.com", "bounces", "s3cret"))
            .withPerMethodLifecycle(true);

    @ParameterizedTest
    @EnumSource(FaultProxy.When.class)
    void connectionCutAtTheMoveLosesAndDuplicatesNothing(FaultProxy.When when, @TempDir Path dir) throws Exception {
        GreenMailUser user = GREENMAIL.getUserManager().getUser("bounces");
        for (String sample : SAMPLES) {
            user.deliver(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(BounceMailboxPollerTest.sample(sample))));
        }
        Map<Integer, Integer> handledTimes = new ConcurrentHashMap<>();
        ProcessedMessages processed = ProcessedMessages.file(dir.resolve("processed.txt"));
        try (FaultProxy proxy = FaultProxy.start(new InetSocketAddress("127.0.0.1", GREENMAIL.getImap().getPort()),
                Pattern.compile("(?i)^\\S+ (UID )?(MOVE|COPY) "), when, 1)) {
            ImapBounceConfig config = ImapBounceConfig.builder("127.0.0.1").port(proxy.port()).security(ImapSecurity.NONE)
                    .allowPlaintext(true).credentials("bounces", "s3cret").timeout(Duration.ofSeconds(5)).build();
            int passes = 0;
            while (count("INBOX") > 0 && passes++ < 5) {
                try (BounceMailboxPoller poller = BounceMailboxPoller.create(config, BounceParser.create(),
                        (report, events) -> handledTimes.merge(java.util.Arrays.hashCode(report.raw()), 1, Integer::sum), processed)) {
                    poller.pollOnce();
                } catch (RuntimeException cut) {
                    assertThat(cut).as("a dropped connection is a typed error").isInstanceOf(ImapBounceException.class);
                }
            }
            assertThat(proxy.cuts()).as("the fault happened").isEqualTo(1);
        }
        assertThat(handledTimes).as("every bounce handled").hasSize(SAMPLES.size());
        assertThat(handledTimes.values()).as("each exactly once").containsOnly(1);
        assertThat(count("INBOX")).isZero();
        assertThat(count("Mailgate.Processed")).as("filed exactly once").isEqualTo(SAMPLES.size());
    }

    private static int count(String folder) throws Exception {
        return BounceMailboxPollerTest.count(GREENMAIL.getImap().getPort(), folder);
    }
}
