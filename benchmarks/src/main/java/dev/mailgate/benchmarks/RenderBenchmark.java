package dev.mailgate.benchmarks;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.mime.MimeWriter;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Build + render the same ~5 KB multipart/alternative message with Mailgate and with Angus Mail
 * ({@code new MimeMessage} ... {@code writeTo}), in the same run. Both produce a complete message: Date,
 * Message-ID, encoded Subject and display name, Reply-To, an X- header, both bodies encoded.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class RenderBenchmark {
    private final MimeWriter writer = MimeWriter.standard();
    private final MimeWriter eightBit = MimeWriter.standard().withEightBitMime(true);
    private final Session session = Session.getInstance(new Properties());
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream(16 * 1024);

    @Benchmark
    public int mailgate() throws IOException {
        sink.reset();
        writer.writeTo(mailgateMessage(), sink);
        return sink.size();
    }

    /** The same message rendered for a session whose server offers 8BITMIME (RFC 6152): its text bodies go 8bit. */
    @Benchmark
    public int mailgateEightBit() throws IOException {
        sink.reset();
        eightBit.writeTo(mailgateMessage(), sink);
        return sink.size();
    }

    @Benchmark
    public int angus() throws MessagingException, IOException {
        sink.reset();
        angusMessage(session).writeTo(sink);
        return sink.size();
    }

    static EmailMessage mailgateMessage() {
        return EmailMessage.builder()
                .from(EmailAddress.of(NewsletterContent.FROM_NAME, NewsletterContent.FROM))
                .to(EmailAddress.parse(NewsletterContent.TO))
                .replyTo(EmailAddress.parse(NewsletterContent.REPLY_TO))
                .subject(NewsletterContent.SUBJECT)
                .header(NewsletterContent.CAMPAIGN_HEADER, NewsletterContent.CAMPAIGN)
                .text(NewsletterContent.TEXT)
                .html(NewsletterContent.HTML)
                .build();
    }

    static MimeMessage angusMessage(Session session) throws MessagingException, IOException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(NewsletterContent.FROM, NewsletterContent.FROM_NAME, "UTF-8"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(NewsletterContent.TO));
        m.setReplyTo(new InternetAddress[] {new InternetAddress(NewsletterContent.REPLY_TO)});
        m.setSubject(NewsletterContent.SUBJECT, "UTF-8");
        m.setHeader(NewsletterContent.CAMPAIGN_HEADER, NewsletterContent.CAMPAIGN);
        m.setSentDate(new Date());
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(NewsletterContent.TEXT, "UTF-8", "plain");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(NewsletterContent.HTML, "UTF-8", "html");
        alternative.addBodyPart(html);
        m.setContent(alternative);
        m.saveChanges();
        return m;
    }
}
