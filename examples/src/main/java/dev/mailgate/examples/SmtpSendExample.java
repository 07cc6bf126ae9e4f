package dev.mailgate.examples;

import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Plain SMTP: build a message, send it over STARTTLS with AUTH, read the receipt. The embedded server stands in for
 * your provider; replace host, port and credentials (and drop {@code sslContext}, which trusts the test certificate).
 */
public final class SmtpSendExample {
    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static SendReceipt run(PrintStream out) throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .auth("news@example.com", "app-password").build().start()) {
            // snippet:send
            SmtpConfig config = SmtpConfig.builder("localhost").port(server.port())
                    .credentials("news@example.com", "app-password")   // STARTTLS is required before AUTH
                    .maxPerDay(500)                                     // the provider's daily quota
                    .sslContext(TestCertificates.trustingClient())      // only for the embedded test server
                    .build();
            EmailMessage message = EmailMessage.builder()
                    .from("Example News <news@example.com>")
                    .to("Jane Doe <jane@example.org>")
                    .subject("Your invoice")
                    .text("Hello Jane,\n\nyour invoice is attached.\n")
                    .html("<p>Hello Jane,</p><p>your invoice is attached.</p>")
                    .attach(Attachment.of("invoice.txt", "Total: 42 EUR\n".getBytes(StandardCharsets.UTF_8), "text/plain"))
                    .build();
            try (SmtpTransport transport = SmtpTransport.create(config)) {
                SendReceipt receipt = transport.send(message);
                out.println("sent " + receipt.messageId().orElse("?") + ", server id " + receipt.providerMessageId().orElse("?")
                        + ", recipients " + receipt.recipients());
                return receipt;
            } catch (ValidationException e) {
                e.violations().forEach(v -> out.println("not sent: " + v));   // every problem at once
                throw e;
            }
            // end:send
        }
    }
}
