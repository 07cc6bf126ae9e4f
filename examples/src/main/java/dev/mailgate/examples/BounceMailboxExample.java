package dev.mailgate.examples;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.mailbox.BounceMailboxPoller;
import dev.mailgate.bounce.mailbox.ImapBounceConfig;
import dev.mailgate.bounce.mailbox.ImapSecurity;
import dev.mailgate.bounce.mailbox.PollResult;
import dev.mailgate.bounce.mailbox.ProcessedMessages;
import dev.mailgate.suppression.SuppressionPolicy;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.store.InMemorySuppressionStore;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The CRM seed's bounce inbox: poll an IMAP folder, classify each bounce, feed the events to the suppression policy
 * and file the mail away. GreenMail stands in for the mailbox; use your server, port, user and TLS mode.
 */
public final class BounceMailboxExample {
    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static PollResult run(PrintStream out) throws Exception {
        GreenMail greenMail = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser("bounces@example.com", "bounces", "secret"));
        greenMail.start();
        try (InputStream dsn = BounceMailboxExample.class.getResourceAsStream("demo/dsn-hard.eml")) {
            String text = new String(dsn.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .replace("${RECIPIENT}", "jane@example.org").replace("${BOUNCE_ID}", "b1").replace("${MESSAGE_ID}", "m1@example.com");
            greenMail.getUserManager().getUser("bounces").deliver(new MimeMessage(Session.getInstance(new Properties()),
                    new java.io.ByteArrayInputStream(text.replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        }
        Path dir = Files.createTempDirectory("bounce-example");
        try {
            Suppressions suppressions = new Suppressions(new InMemorySuppressionStore(), SuppressionPolicy.defaults());
            // snippet:poll
            ImapBounceConfig config = ImapBounceConfig.builder("127.0.0.1").port(greenMail.getImap().getPort())
                    .security(ImapSecurity.NONE).allowPlaintext(true)     // use IMPLICIT_TLS (993) or STARTTLS for a real server
                    .credentials("bounces", "secret")
                    .folder("INBOX")                                      // the folder chosen from poller.listFolders()
                    .build();
            try (BounceMailboxPoller poller = BounceMailboxPoller.create(config, BounceParser.create(),
                    (report, events) -> suppressions.ingestAll(events),   // runs before the mail is moved
                    ProcessedMessages.file(dir.resolve("processed.log")))) {   // survives restarts: nothing counted twice
                PollResult result = poller.pollOnce();                    // or poller.start() for IDLE in the background
                out.println(result.handled() + " bounce(s) handled; folders: " + poller.listFolders());
                out.println("jane@example.org blocked: " + suppressions.blocked(
                        java.util.List.of(dev.mailgate.core.address.EmailAddress.parse("jane@example.org")), java.util.Optional.empty()));
                return result;
            }
            // end:poll
        } finally {
            greenMail.stop();
        }
    }
}
