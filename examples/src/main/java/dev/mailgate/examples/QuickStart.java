package dev.mailgate.examples;

import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpTransport;
import java.net.URI;
import java.nio.file.Path;

/**
 * The README's quick start, compiled by the build so that it stays true ({@code DocsSnippetTest} compares the two).
 * Run it with your server: {@code SMTP_PASSWORD=... java ... QuickStart smtp.example.com agenda.pdf}.
 */
public final class QuickStart {
    public static void main(String[] args) {
        String host = args.length > 0 ? args[0] : "smtp.example.com";
        Path agenda = Path.of(args.length > 1 ? args[1] : "agenda.pdf");
        // snippet:quickstart
        EmailMessage message = EmailMessage.builder()
                .from("Mailgate News <news@example.com>")
                .to("José Müller <jose@example.org>")
                .subject("November news — Grüße aus Köln")
                .text("Hello José, ...")
                .html("<p>Hello José, ...</p>")
                .attach(Attachment.of(agenda))
                .listUnsubscribeOneClick(URI.create("https://example.com/u/abc123"))
                .build();                                        // Message-ID generated from the From domain

        SmtpConfig config = SmtpConfig.builder(host)             // STARTTLS required, certificate checked
                .credentials("news@example.com", System.getenv("SMTP_PASSWORD"))
                .maxPerDay(500)                                  // the provider's daily quota
                .build();
        try (SmtpTransport smtp = SmtpTransport.create(config)) {   // or Mailgate.transport("smtp", Map.of("host", ...))
            SendReceipt receipt = smtp.send(message);            // validated, rendered once, pipelined
            receipt.rejected().forEach(r -> System.out.println(r.recipient() + " refused: " + r.reply()));
        } catch (ValidationException e) {
            e.violations().forEach(System.out::println);         // every broken rule at once, nothing sent
        }
        // end:quickstart
    }
}
