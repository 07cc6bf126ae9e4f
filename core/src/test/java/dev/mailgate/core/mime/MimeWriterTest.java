package dev.mailgate.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.ContentSource;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.MessageIdGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MimeWriterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:30:00Z"), ZoneOffset.UTC);

    static MimeWriter deterministic() {
        return MimeWriter.builder().clock(CLOCK).boundaries(BoundarySource.sequential("b")).build();
    }

    static EmailMessage newsletter() {
        return EmailMessage.builder()
                .from("Mailgate Team <news@example.com>")
                .to("José Müller <jose@example.org>")
                .replyTo("support@example.com")
                .subject("Grüße aus Köln: your November newsletter with a subject long enough to be folded")
                .messageIdGenerator(MessageIdGenerator.sequential("golden"))
                .header("X-Campaign", "nov-2026")
                .listUnsubscribe(URI.create("mailto:unsubscribe@example.com?subject=nov-2026"))
                .listUnsubscribeOneClick(URI.create("https://example.com/u/abc123"))
                .text("Hello José,\nthis is the plain text part.\n")
                .html("<html><body><p>Hello Jos&eacute;,</p><img src=\"cid:logo@example.com\"></body></html>\n")
                .attach(Attachment.inline("logo@example.com", new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "image/png"))
                .attach(Attachment.of("Résumé 2026.pdf", "%PDF-1.4 test".getBytes(StandardCharsets.US_ASCII), "application/pdf"))
                .build();
    }

    @Test
    void rendersTheGoldenFile() throws IOException {
        byte[] expected;
        try (InputStream in = MimeWriterTest.class.getResourceAsStream("/mime/newsletter.golden.eml")) {
            expected = in.readAllBytes();
        }
        assertThat(new String(deterministic().toBytes(newsletter()), StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
    }

    @Test
    void contentTypeParametersAreRenderedFromTheParsedValueAndReadBackByAngus() throws Exception {
        EmailMessage m = EmailMessage.builder().from("a@example.com").to("b@example.org").text("t")
                .attach(Attachment.of("notes.txt", "x".getBytes(StandardCharsets.US_ASCII),
                        "Text/Plain ; charset=ISO-8859-1 (latin) ; title*=UTF-8''%E2%82%AC%20rates; q=\"say \\\"hi\\\"\"; long=\"" + "w ".repeat(80) + "\""))
                .build();
        byte[] bytes = deterministic().toBytes(m);
        String wire = new String(bytes, StandardCharsets.US_ASCII);
        assertThat(wire).contains("Content-Type: text/plain; charset=\"ISO-8859-1\";\r\n title*=UTF-8''%E2%82%AC%20rates;")
                .doesNotContain("(latin)");
        jakarta.mail.internet.MimeMessage parsed = new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(bytes));
        jakarta.mail.internet.MimeMultipart mixed = (jakarta.mail.internet.MimeMultipart) parsed.getContent();
        jakarta.mail.internet.ContentType back = new jakarta.mail.internet.ContentType(mixed.getBodyPart(1).getContentType());
        assertThat(back.getBaseType()).isEqualTo("text/plain");
        assertThat(back.getParameter("charset")).isEqualTo("ISO-8859-1");
        assertThat(back.getParameter("title")).isEqualTo("€ rates");
        assertThat(back.getParameter("q")).isEqualTo("say \"hi\"");
        assertThat(back.getParameter("long")).isEqualTo("w ".repeat(80));
        assertThat(back.getParameter("name")).isEqualTo("notes.txt");
    }

    @Test
    void aBoundarySourceCannotInjectIntoThePartHeader() {
        MimeWriter writer = MimeWriter.builder().boundaries(() -> "x\"\r\nBcc: victim@example.com").build();
        EmailMessage m = EmailMessage.builder().from("a@example.com").to("b@example.org").text("t").html("<p>h</p>").build();
        assertThatThrownBy(() -> writer.toBytes(m)).isInstanceOf(MessageRenderException.class)
                .hasMessageContaining("boundary").hasMessageContaining("\\u000D");
    }

    @Test
    void renderedSizeIsExactlyTheNumberOfBytesWritten() {
        MimeWriter writer = deterministic();
        long size = writer.renderedSize(newsletter());
        assertThat(size).isEqualTo(deterministic().toBytes(newsletter()).length);
    }

    @Test
    void longAsciiSubjectIsFoldedAtSpacesAndUnfoldsToTheSameText() {
        String subject = "word ".repeat(40).strip();
        EmailMessage m = EmailMessage.builder().from("a@x.org").to("b@x.org").subject(subject).build();
        RenderedMessage r = deterministic().render(m);
        String wire = new String(r.bytes(), StandardCharsets.US_ASCII);
        String subjectField = wire.substring(wire.indexOf("Subject:"), wire.indexOf("Message-ID:"));
        for (String line : subjectField.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        assertThat(r.headers("Subject")).containsExactly(subject);
    }

    @Test
    void textThatLooksLikeAnEncodedWordIsEncodedSoItSurvivesDecoding() {
        EmailMessage m = EmailMessage.builder().from("a@x.org").to("b@x.org").subject("=?utf-8?q?trick?=").build();
        assertThat(deterministic().render(m).headers("Subject").get(0)).startsWith("=?UTF-8?");
    }

    @Test
    void bodyLinesAreNeverLongerThan998Octets() {
        EmailMessage m = EmailMessage.builder().from("a@x.org").to("b@x.org").text("x".repeat(5000)).build();
        String wire = new String(deterministic().toBytes(m), StandardCharsets.US_ASCII);
        assertThat(wire).contains("Content-Transfer-Encoding: quoted-printable");
        for (String line : wire.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(76);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "line of {0} octets + \"{1}\"")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "999|' '", "1000|'\t'", "1046|' '", "1047|' '", "1048|'\t'", "1049|' '", "1050|' '", "1051|' '", "1122|' '", "1123|''", "1200|''", "1201|' '", "1275|' '", "2000|''", "100000|' '"})
    void longAsciiLinesSurviveQuotedPrintableWithTrailingWhitespace(int length, String tail) throws Exception {
        String line = "abcdefghij".repeat(length / 10 + 1).substring(0, length) + tail;
        String text = line + "\n" + line + "\nend " + tail;
        EmailMessage m = EmailMessage.builder().from("a@x.org").to("b@x.org").text(text).build();
        byte[] wire = deterministic().toBytes(m);
        for (String l : new String(wire, StandardCharsets.US_ASCII).split("\r\n")) {
            assertThat(l.length()).isLessThanOrEqualTo(76);
            assertThat(l).doesNotEndWith(" ").doesNotEndWith("\t");
        }
        jakarta.mail.internet.MimeMessage parsed = new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(wire));
        assertThat(parsed.getContent()).isEqualTo(text.replace("\n", "\r\n"));
    }

    @Test
    void eightBitBodyOnlyWhenAllowed() {
        EmailMessage m = EmailMessage.builder().from("a@x.org").to("b@x.org").text("Grüße aus Köln, liebe Freunde und Kollegen").build();
        assertThat(new String(deterministic().toBytes(m), StandardCharsets.UTF_8)).contains("quoted-printable");
        assertThat(new String(deterministic().withEightBitMime(true).toBytes(m), StandardCharsets.UTF_8))
                .contains("Content-Transfer-Encoding: 8bit\r\n\r\nGrüße aus Köln");
    }

    @Test
    void unicodeLocalPartNeedsSmtpUtf8() {
        EmailMessage m = EmailMessage.builder().from("a@x.org").to("josé@example.org").build();
        assertThatThrownBy(() -> deterministic().toBytes(m)).isInstanceOf(MessageRenderException.class)
                .hasMessageContaining("SMTPUTF8");
        assertThat(new String(deterministic().withSmtpUtf8(true).toBytes(m), StandardCharsets.UTF_8)).contains("To: josé@example.org");
    }

    @Test
    void unreadableAttachmentNamesTheAttachment() {
        ContentSource broken = () -> {
            throw new IOException("disk gone");
        };
        EmailMessage m = EmailMessage.builder().from("a@x.org").to("b@x.org").attach(Attachment.of("data.csv", "text/csv", broken)).build();
        assertThatThrownBy(() -> deterministic().toBytes(m)).isInstanceOf(MessageRenderException.class)
                .hasMessageContaining("attachment[0] \"data.csv\"").hasMessageContaining("disk gone");
    }

    @Test
    void bccIsNeverWritten() {
        EmailMessage m = EmailMessage.builder().from("a@x.org").to("b@x.org").bcc("hidden@x.org").build();
        RenderedMessage r = deterministic().render(m);
        assertThat(new String(r.bytes(), StandardCharsets.US_ASCII)).doesNotContain("hidden");
        assertThat(r.envelope().recipients()).hasSize(2);
    }
}
