package dev.mailgate.examples;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.mailgate.bounce.mailbox.BounceMailboxPoller;
import dev.mailgate.bounce.mailbox.ImapBounceConfig;
import dev.mailgate.bounce.mailbox.ImapSecurity;
import dev.mailgate.bounce.mailbox.ProcessedMessages;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.core.validation.Violation;
import dev.mailgate.episerver.EpiserverBounces;
import dev.mailgate.episerver.EpiserverConfig;
import dev.mailgate.episerver.EpiserverMessageIds;
import dev.mailgate.episerver.EpiserverMessages;
import dev.mailgate.episerver.EpiserverTransport;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Sending through the Episerver Campaign SMTP API, on embedded servers: an SMTP server with STARTTLS and AUTH plays
 * {@code smtpapi.campaign.episerver.net}, GreenMail's IMAP plays the bounce forwarding mailbox. A broken message
 * shows every rule it breaks; a newsletter is split per recipient (one To each) and sent; a bounce Episerver
 * forwards is read from the mailbox and reaches the application as an event.
 *
 * <p>Run: {@code ./mvnw -q -pl examples -am package -DskipTests exec:java -Ddemo.mainClass=dev.mailgate.examples.EpiserverExample}
 */
public final class EpiserverExample {
    /** What the example did, for its test. */
    public record Summary(int violations, int sent, List<String> mailFrom, List<MailEvent> events) {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static Summary run(PrintStream out) throws Exception {
        GreenMail mailbox = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
        mailbox.setUser("bounces@example-mail.net", "bounces", "s3cret");
        mailbox.start();
        try (TestSmtpServer episerver = TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .auth("client42", "s3cret").build().start()) {
            EpiserverConfig config = EpiserverConfig.builder()
                    .host("localhost").port(episerver.port())                 // in production: the defaults
                    .sslContext(TestCertificates.trustingClient())           // in production: the JDK trust store
                    .credentials("client42", "s3cret")
                    .sendingDomain("news.example.com")
                    .bounceForwardingAddress("bounces@example-mail.net")
                    .mailingCodes(List.of("mailing-42"))
                    .build();

            try (EpiserverTransport transport = EpiserverTransport.create(config)) {
                // 1. A message that breaks several rules: every one is reported, nothing is sent.
                EmailMessage broken = EmailMessage.builder().from("newsletter@example.com").to("a@example.org, b@example.org")
                        .cc("boss@example.org").subject("").text("Hi").build();
                int violations = 0;
                try {
                    transport.send(broken);
                } catch (ValidationException e) {
                    out.println("Refused before sending, " + e.violations().size() + " broken rules:");
                    for (Violation v : e.violations()) {
                        out.println("  " + v);
                    }
                    violations = e.violations().size();
                }

                // 2. One newsletter, one message per recipient (Episerver allows one To and no copies).
                EmailMessage newsletter = EmailMessage.builder().from("News <newsletter@news.example.com>")
                        .to("ana@example.org, ben@example.org").bcc("cleo@example.org").subject("November news")
                        .text("Hello, here is the news.\n").header("X-bm-mailing", "mailing-42")
                        .messageIdGenerator(EpiserverMessageIds.generator()).build();
                List<SendResult> results = transport.sendBatch(EpiserverMessages.perRecipient(newsletter));
                int sent = (int) results.stream().filter(r -> r instanceof SendResult.Sent).count();
                List<String> mailFrom = new ArrayList<>();
                for (ReceivedMessage m : episerver.awaitMessages(sent, Duration.ofSeconds(10))) {
                    mailFrom.add(m.mailFrom());
                    out.println("Episerver received for " + m.recipients() + " MAIL FROM:<" + m.mailFrom() + "> over TLS " + m.tls());
                }

                // 3. Episerver forwards a bounce for cleo to the forwarding address; the application learns of it.
                mailbox.getUserManager().getUser("bounces").deliver(new MimeMessage(Session.getInstance(new Properties()),
                        new ByteArrayInputStream(forwardedBounce("cleo@example.org").getBytes(StandardCharsets.US_ASCII))));
                ImapBounceConfig imap = ImapBounceConfig.builder("127.0.0.1").port(mailbox.getImap().getPort())
                        .security(ImapSecurity.NONE).allowPlaintext(true)   // in production: IMPLICIT_TLS (the default)
                        .credentials("bounces", "s3cret").build();
                List<MailEvent> events = new ArrayList<>();
                try (BounceMailboxPoller poller = EpiserverBounces.watch(imap, ProcessedMessages.inMemory(), events::add)) {
                    poller.pollOnce();
                }
                for (MailEvent e : events) {
                    out.println("Bounce event: " + e.type() + " " + e.recipient().map(EmailAddress::address).orElse("?")
                            + (e instanceof MailEvent.Bounced b ? " " + b.bounceClass() + " " + b.reason().id() : ""));
                }
                return new Summary(violations, sent, mailFrom, events);
            }
        } finally {
            mailbox.stop();
        }
    }

    /** A DSN as a receiving MTA would write it, forwarded by Episerver. */
    static String forwardedBounce(String recipient) {
        return String.join("\r\n",
                "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>",
                "To: bounces@example-mail.net",
                "Subject: Undelivered Mail Returned to Sender",
                "Message-ID: <dsn-1@mx.example.org>",
                "MIME-Version: 1.0",
                "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"",
                "",
                "--b",
                "Content-Type: text/plain",
                "",
                "<" + recipient + ">: host mx.example.org said: 550 5.1.1 User unknown (in reply to RCPT TO command)",
                "--b",
                "Content-Type: message/delivery-status",
                "",
                "Reporting-MTA: dns; mx.example.org",
                "",
                "Final-Recipient: rfc822; " + recipient,
                "Action: failed",
                "Status: 5.1.1",
                "Diagnostic-Code: smtp; 550 5.1.1 <" + recipient + ">: User unknown",
                "--b--",
                "");
    }
}
