package dev.mailgate.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The two benchmark methods must produce the same message, or the ratio between them means nothing. */
class RenderBenchmarkParityTest {
    private final Session session = Session.getInstance(new Properties());

    private MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(session, new ByteArrayInputStream(bytes));
    }

    @Test
    void bothBenchmarksRenderTheSameFields() throws Exception {
        MimeMessage ours = parse(dev.mailgate.core.mime.MimeWriter.standard().toBytes(RenderBenchmark.mailgateMessage()));
        ByteArrayOutputStream angusBytes = new ByteArrayOutputStream();
        RenderBenchmark.angusMessage(session).writeTo(angusBytes);
        MimeMessage theirs = parse(angusBytes.toByteArray());

        assertThat(ours.getSubject()).isEqualTo(theirs.getSubject()).isEqualTo(NewsletterContent.SUBJECT);
        assertThat(ours.getFrom()).isEqualTo(theirs.getFrom());
        assertThat(ours.getReplyTo()).isEqualTo(theirs.getReplyTo());
        assertThat(ours.getAllRecipients()).isEqualTo(theirs.getAllRecipients());
        assertThat(ours.getHeader(NewsletterContent.CAMPAIGN_HEADER)).isEqualTo(theirs.getHeader(NewsletterContent.CAMPAIGN_HEADER));
        assertThat(ours.getMessageID()).isNotNull();
        assertThat(ours.getSentDate()).isNotNull();
        MimeMultipart a = (MimeMultipart) ours.getContent();
        MimeMultipart b = (MimeMultipart) theirs.getContent();
        assertThat(a.getCount()).isEqualTo(2).isEqualTo(b.getCount());
        for (int i = 0; i < 2; i++) {
            assertThat(a.getBodyPart(i).getContent().toString().replace("\r\n", "\n"))
                    .isEqualTo(b.getBodyPart(i).getContent().toString().replace("\r\n", "\n"));
        }
        assertThat(angusBytes.size()).isBetween(5000, 8000);
    }
}
