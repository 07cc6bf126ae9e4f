package dev.mailgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mailgate.core.MailException;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.jakartamail.MimeMessages;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.mime.MimeWriter;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;

/**
 * The MIME writer round trip with fuzzed subject, display name, bodies, a custom header value and an attachment:
 * building refuses only with our documented exceptions (MailException subtypes: a CR/LF in a header, a bad
 * address), and whatever builds renders to wire-safe bytes (CRLF only, lines of at most 998 octets) that Angus Mail
 * parses back to the same subject, bodies, header and attachment.
 */
class MimeRoundTripFuzzTest {
    private static final MimeWriter WRITER = MimeWriter.standard();
    private static final Session SESSION = Session.getInstance(new Properties());

    @FuzzTest(maxDuration = FuzzBudget.CI)
    void roundTrip(FuzzedDataProvider data) throws Exception {
        EmailMessage message;
        try {
            EmailMessage.Builder b = EmailMessage.builder()
                    .from(EmailAddress.of(data.consumeString(40), "sender@example.com"))
                    .to("rcpt@example.org")
                    .subject(data.consumeString(200))
                    .header("X-Fuzz", data.consumeString(200))
                    .text(data.consumeString(2000));
            if (data.consumeBoolean()) {
                b.html(data.consumeString(1000));
            }
            if (data.consumeBoolean()) {
                b.attach(Attachment.of(data.consumeString(60), data.consumeBytes(3000)));
            }
            message = b.build();
        } catch (MailException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        byte[] bytes = Bounded.call("render", () -> WRITER.toBytes(message));
        assertWireSafe(bytes);
        EmailMessage back = MimeMessages.fromMimeMessage(new MimeMessage(SESSION, new ByteArrayInputStream(bytes)));
        assertThat(back.subject().map(String::strip).filter(s -> !s.isEmpty())).isEqualTo(message.subject().map(String::strip).filter(s -> !s.isEmpty()));
        assertThat(back.from().flatMap(EmailAddress::displayName).map(String::strip).filter(s -> !s.isEmpty()))
                .isEqualTo(message.from().flatMap(EmailAddress::displayName).map(String::strip).filter(s -> !s.isEmpty()));
        assertThat(back.text().map(MimeRoundTripFuzzTest::lines).orElse("")).isEqualTo(message.text().map(MimeRoundTripFuzzTest::lines).orElse(""));
        assertThat(back.html().map(MimeRoundTripFuzzTest::lines)).isEqualTo(message.html().map(MimeRoundTripFuzzTest::lines));
        assertThat(back.headers()).isEqualTo(message.headers());
        assertThat(back.attachments()).hasSameSizeAs(message.attachments());
        for (int i = 0; i < message.attachments().size(); i++) {
            assertThat(back.attachments().get(i).fileName()).isEqualTo(message.attachments().get(i).fileName());
            assertThat(back.attachments().get(i).content().open().readAllBytes()).isEqualTo(message.attachments().get(i).content().open().readAllBytes());
        }
    }

    private static String lines(String s) {
        return s.replace("\r\n", "\n").replace("\r", "\n");
    }

    /** RFC 5322 section 2.1.1 and 2.3: CRLF only (no bare CR or LF: SMTP smuggling), lines of at most 998 octets. */
    private static void assertWireSafe(byte[] bytes) {
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                assertThat(i > 0 && bytes[i - 1] == '\r').as("LF at %d is part of CRLF", i).isTrue();
                assertThat(i - 1 - lineStart).as("line length at %d", i).isLessThanOrEqualTo(998);
                lineStart = i + 1;
            } else if (bytes[i] == '\r') {
                assertThat(i + 1 < bytes.length && bytes[i + 1] == '\n').as("CR at %d is part of CRLF", i).isTrue();
            } else if (bytes[i] == 0) {
                throw new AssertionError("NUL at " + i + " on the wire");
            }
        }
    }
}
