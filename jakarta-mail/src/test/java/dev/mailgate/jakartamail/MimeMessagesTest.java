package dev.mailgate.jakartamail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.Disposition;
import dev.mailgate.core.message.EmailMessage;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MimeMessagesTest {

    @Test
    void messageBuiltWithJakartaMailConvertsToEmailMessage() throws Exception {
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()));
        mime.setFrom(new InternetAddress("ana@example.com", "Ana Lopez", "UTF-8"));
        mime.setRecipients(Message.RecipientType.TO, "b@example.org, c@example.org");
        mime.setSubject("Grüße", "UTF-8");
        mime.setHeader("X-Order", "42");
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Hallo", "UTF-8");
        mixed.addBodyPart(text);
        MimeBodyPart file = new MimeBodyPart();
        file.setDataHandler(new jakarta.activation.DataHandler(new jakarta.mail.util.ByteArrayDataSource(new byte[] {1, 2, 3}, "application/octet-stream")));
        file.setFileName("data.bin");
        file.setDisposition("attachment");
        mixed.addBodyPart(file);
        mime.setContent(mixed);
        mime.saveChanges();

        EmailMessage m = MimeMessages.fromMimeMessage(mime);

        assertThat(m.from()).contains(EmailAddress.parse("ana@example.com"));
        assertThat(m.from().flatMap(EmailAddress::displayName)).contains("Ana Lopez");
        assertThat(m.to()).extracting(EmailAddress::address).containsExactly("b@example.org", "c@example.org");
        assertThat(m.subject()).contains("Grüße");
        assertThat(m.text()).contains("Hallo");
        assertThat(m.headers("X-Order")).containsExactly("42");
        assertThat(m.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).contains("data.bin");
            assertThat(a.disposition()).isEqualTo(Disposition.ATTACHMENT);
            assertThat(a.content().open().readAllBytes()).containsExactly(1, 2, 3);
        });
    }

    @Test
    void emailMessageConvertsToMimeMessage() throws Exception {
        EmailMessage m = EmailMessage.builder().from("a@example.com").to("b@example.org").subject("Hi")
                .text("plain").html("<b>html</b>").attach(Attachment.of("x.txt", "abc".getBytes(), "text/plain")).build();
        MimeMessage mime = MimeMessages.toMimeMessage(m);
        assertThat(mime.getSubject()).isEqualTo("Hi");
        assertThat(mime.getMessageID()).isEqualTo("<" + m.messageId().orElseThrow() + ">");
        assertThat(mime.isMimeType("multipart/mixed")).isTrue();
        assertThat(((MimeMultipart) mime.getContent()).getCount()).isEqualTo(2);
    }
}
