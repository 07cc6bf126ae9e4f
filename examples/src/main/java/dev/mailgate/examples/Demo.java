package dev.mailgate.examples;

import dev.mailgate.core.Mailgate;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.core.validation.CoreRules;
import dev.mailgate.core.validation.MessageValidator;
import dev.mailgate.core.validation.Violation;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpDiagnostics;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The demo the README runs, on an embedded SMTP server (STARTTLS with a test certificate, AUTH, one mailbox that
 * does not exist): check the connection step by step, validate a batch (one broken message shows every
 * violation at once), send the rest over the pooled, pipelined SMTP transport, and read what the server
 * received back with Jakarta Mail. The bounce, webhook and suppression steps join as their modules land.
 */
public final class Demo {
    /** The numbers the demo reports; its test asserts them. */
    public record Summary(int messages, int violations, int sent, int failed, int serverReceived, long renderedOctets, String parsedSubject) {
    }

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static Summary run(PrintStream out) throws IOException, InterruptedException {
        try (TestSmtpServer server = TestSmtpServer.builder()
                .startTls(TestCertificates.localhostServer())
                .auth("newsletter@example.com", "demo-password")
                .on("RCPT TO:<reader13@", ServerAction.reply("550 5.1.1 <reader13@example.org>: Recipient address rejected: User unknown"))
                .build().start()) {
            SmtpConfig config = SmtpConfig.builder("localhost").port(server.port())
                    .sslContext(TestCertificates.trustingClient())
                    .credentials("newsletter@example.com", "demo-password")
                    .maxPerDay(500)
                    .build();

            out.println("1. Send a test e-mail: connection check against the embedded server on port " + server.port());
            SmtpDiagnostics.Report report = SmtpDiagnostics.run(config, Optional.empty());
            report.format().lines().forEach(l -> out.println("   " + l));

            List<EmailMessage> batch = new ArrayList<>();
            for (int i = 1; i <= 25; i++) {
                batch.add(newsletter(EmailAddress.of("Reader " + i, "reader" + i + "@example.org")));
            }
            batch.add(EmailMessage.builder().subject("Broken on purpose").text("x".repeat(400_000)).build());

            out.println("2. Validating " + batch.size() + " messages (core rules + a 300 KB size limit)");
            MessageValidator validator = MessageValidator.of(CoreRules.defaults()).and(List.of(CoreRules.maxSize(300 * 1024)));
            List<EmailMessage> valid = new ArrayList<>();
            int violationCount = 0;
            for (EmailMessage m : batch) {
                List<Violation> violations = validator.validate(m);
                if (violations.isEmpty()) {
                    valid.add(m);
                } else {
                    violationCount += violations.size();
                    out.println("   rejected \"" + m.subject().orElse("") + "\", every problem at once:");
                    violations.forEach(v -> out.println("     - " + v));
                }
            }

            out.println("3. Sending " + valid.size() + " over SMTP (providers on the class path: "
                    + Mailgate.providers().stream().map(MailProvider::id).sorted().toList() + ")");
            int sent = 0;
            int failed = 0;
            try (SmtpTransport smtp = SmtpTransport.builder(config).rules(List.of(CoreRules.maxSize(300 * 1024))).build()) {
                for (SendResult r : smtp.sendBatch(valid)) {
                    if (r instanceof SendResult.Sent) {
                        sent++;
                    } else {
                        failed++;
                        SendResult.Failed f = (SendResult.Failed) r;
                        String why = f.error() instanceof ServerRejectedException e ? e.reply().toString() : f.error().getMessage();
                        out.println("   not delivered to " + ((EmailMessage) f.message()).to() + ": " + why);
                    }
                }
                out.printf("   sent %d, failed %d; %d of today's quota of 500 used%n", sent, failed, smtp.sentToday());
            }

            List<ReceivedMessage> received = server.awaitMessages(sent, Duration.ofSeconds(10));
            long octets = received.stream().mapToLong(r -> r.content().length).sum();
            ReceivedMessage first = received.get(0);
            out.println("4. The server received " + received.size() + " messages (" + octets + " octets, TLS: " + first.tls()
                    + ", authenticated as " + first.authenticatedAs() + "); the first one's headers:");
            String wire = new String(first.content(), StandardCharsets.UTF_8);
            wire.substring(0, wire.indexOf("\r\n\r\n")).lines().forEach(l -> out.println("   | " + l));

            String subject;
            try {
                subject = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(first.content())).getSubject();
            } catch (MessagingException e) {
                throw new UncheckedIOException(new IOException(e));
            }
            out.println("5. Jakarta Mail reads it back: Subject = " + subject);

            Summary summary = new Summary(batch.size(), violationCount, sent, failed, received.size(), octets, subject);
            out.println();
            out.println("   messages  violations  sent  failed  received  octets");
            out.printf("   %8d  %10d  %4d  %6d  %8d  %6d%n", summary.messages(), summary.violations(), summary.sent(),
                    summary.failed(), summary.serverReceived(), summary.renderedOctets());
            return summary;
        }
    }

    static EmailMessage newsletter(EmailAddress to) {
        return EmailMessage.builder()
                .from("Mailgate News <newsletter@example.com>")
                .to(to)
                .replyTo("support@example.com")
                .subject("November news — Grüße aus Köln")
                .header("X-Campaign", "nov-2026")
                .listUnsubscribeOneClick(URI.create("https://example.com/unsubscribe?u=" + to.localPart()))
                .text("Hello " + to.displayName().orElse("reader") + ",\n\nhere is what happened in November.\n")
                .html("<p>Hello " + to.displayName().orElse("reader") + ",</p><p>here is what happened in November.</p>")
                .attach(Attachment.of("agenda.txt", "1. Welcome\n2. News\n".getBytes(StandardCharsets.UTF_8), "text/plain"))
                .build();
    }
}
