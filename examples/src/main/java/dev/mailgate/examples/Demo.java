package dev.mailgate.examples;

import dev.mailgate.core.Mailgate;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.interop.MimeMessages;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.CoreRules;
import dev.mailgate.core.validation.MessageValidator;
import dev.mailgate.core.validation.Violation;
import dev.mailgate.testing.RecordingTransport;
import dev.mailgate.testing.SentMessage;
import jakarta.mail.internet.MimeMessage;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo the README runs: build a newsletter, validate a batch (one broken message shows every violation at
 * once), send it through a transport found by provider id, and read one rendered message back with Jakarta Mail.
 * Everything runs in-process; the SMTP and bounce steps join as their modules land.
 */
public final class Demo {
    /** The numbers the demo reports; its test asserts them. */
    public record Summary(int messages, int violations, int sent, int failed, long renderedOctets, String parsedSubject) {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    public static Summary run(PrintStream out) {
        List<EmailMessage> batch = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            batch.add(newsletter(EmailAddress.of("Reader " + i, "reader" + i + "@example.org")));
        }
        EmailMessage broken = EmailMessage.builder()
                .subject("Broken on purpose")
                .text("x".repeat(400_000))
                .build();
        batch.add(broken);

        out.println("1. Validating " + batch.size() + " messages (core rules + a 300 KB size limit)");
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

        out.println("2. Providers on the class path: " + Mailgate.providers().stream().map(MailProvider::id).toList());
        int sent;
        int failed;
        long octets = 0;
        SentMessage first;
        try (Transport transport = Mailgate.transport("recording", Map.of("max-size", String.valueOf(300 * 1024)))) {
            List<SendResult> results = transport.sendBatch(valid);
            sent = (int) results.stream().filter(r -> r instanceof SendResult.Sent).count();
            failed = results.size() - sent;
            RecordingTransport recording = (RecordingTransport) transport;
            for (SentMessage s : recording.sent()) {
                octets += s.rendered().size();
            }
            first = recording.sent().get(0);
        }
        out.printf("   sent %d, failed %d, %d octets rendered%n", sent, failed, octets);

        out.println("3. The first message as it goes on the wire (headers):");
        String wire = new String(first.rendered().bytes(), StandardCharsets.UTF_8);
        wire.substring(0, first.rendered().bodyOffset()).lines().forEach(l -> out.println("   | " + l));

        MimeMessage parsed = MimeMessages.toMimeMessage((EmailMessage) first.message(), MimeWriter.standard(),
                jakarta.mail.Session.getInstance(new java.util.Properties()));
        String subject;
        try {
            subject = parsed.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
        out.println("4. Jakarta Mail reads it back: Subject = " + subject);

        Summary summary = new Summary(batch.size(), violationCount, sent, failed, octets, subject);
        out.println();
        out.println("   messages  violations  sent  failed  octets");
        out.printf("   %8d  %10d  %4d  %6d  %6d%n", summary.messages(), summary.violations(), summary.sent(), summary.failed(), summary.renderedOctets());
        return summary;
    }

    static EmailMessage newsletter(EmailAddress to) {
        return EmailMessage.builder()
                .from("Mailgate News <news@example.com>")
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
