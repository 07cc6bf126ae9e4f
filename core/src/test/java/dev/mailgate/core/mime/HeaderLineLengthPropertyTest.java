package dev.mailgate.core.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mailgate.core.MailException;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The property {@code LineLengthRule} relies on when it trusts the writer: whatever the header text — runs of
 * spaces and tabs of any length, UTF-8 of 2, 3 and 4 octets, long words — in every kind of header the caller fills
 * (subject, display names, custom headers, content-type parameters, file names), with and without SMTPUTF8, no
 * rendered line is longer than 998 octets (RFC 5322 section 2.1.1), no folded line is white space only, and every
 * value reads back the same (unfolded by our own rule, and decoded by Angus Mail). A case either renders so or is
 * refused by the builder with a {@link MailException}; the writer itself never has to refuse.
 */
class HeaderLineLengthPropertyTest {
    private static final int CASES = 1500;
    private static final String[] ALPHABETS = {
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", ".,;:!?-_=+*/\\\"'()<>[]@%&#$~^`{}|",
        "äöüßéèçñøå", "αβγδεζηθ", "漢字中文日本語한국어", "😀🎉📧🚀",
    };

    private static final List<String> KINDS = List.of("subject", "custom header", "display name", "content-type parameter", "file name");
    private static int cases;
    private static int rendered;
    private static int refused;
    private static int encodedFallbacks;
    private static int longestLine;

    @Test
    void generatedHeadersNeverExceed998OctetsAndReadBack() throws Exception {
        for (int c = 0; c < CASES; c++) {
            long seed = 0x11e5L * 1_000_003 + c;
            Random r = new Random(seed);
            boolean utf8 = r.nextBoolean();
            String kind = KINDS.get(c % KINDS.size());
            check(kind, value(r), utf8, "seed " + seed + " (" + kind + ", smtpUtf8=" + utf8 + ")");
        }
    }

    /** The faults measured in issue 18 (100,009- to 2,709-octet lines on the wire), in every kind and both modes. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"100,000 spaces", "a + 1,200 spaces + b", "600 A + TAB + 600 A", "900 × 漢", "x + 3,000 tabs + y",
        "700 × (space tab) + end", "400 × word", "260 × 😀"})
    void theMeasuredFaults(String name) throws Exception {
        String value = switch (name) {
            case "100,000 spaces" -> " ".repeat(100_000);
            case "a + 1,200 spaces + b" -> "a" + " ".repeat(1200) + "b";
            case "600 A + TAB + 600 A" -> "A".repeat(600) + "\t" + "A".repeat(600);
            case "900 × 漢" -> "漢".repeat(900);
            case "x + 3,000 tabs + y" -> "x" + "\t".repeat(3000) + "y";
            case "700 × (space tab) + end" -> " \t".repeat(700) + "end";
            case "400 × word" -> "word ".repeat(400);
            default -> "😀".repeat(260);
        };
        for (String kind : KINDS) {
            for (boolean utf8 : new boolean[] {false, true}) {
                check(kind, value, utf8, name + " (" + kind + ", smtpUtf8=" + utf8 + ")");
            }
        }
    }

    @AfterAll
    static void tally() {
        assertThat(rendered + refused).isEqualTo(cases);
        assertThat(rendered).as("most cases render").isGreaterThan(cases / 2);
        System.getLogger(HeaderLineLengthPropertyTest.class.getName()).log(System.Logger.Level.INFO, "header line length: " + cases
                + " cases, " + rendered + " rendered (" + encodedFallbacks + " as encoded-words because the text could not be folded), "
                + refused + " refused by the builder; longest line " + longestLine + " octets");
    }

    private static void check(String kind, String value, boolean utf8, String label) throws Exception {
        cases++;
        EmailMessage.Builder b = EmailMessage.builder().from("a@example.com").to("b@example.org").text("body");
        EmailMessage m;
        try {
            switch (kind) {
                case "subject" -> b.subject(value);
                case "custom header" -> b.header("X-Property-Test", value);
                case "display name" -> b.from(EmailAddress.of(value, "a@example.com")).cc(EmailAddress.of(value, "c@example.org"));
                case "content-type parameter" -> b.attach(Attachment.of("a.bin", new byte[] {1}, "application/x-test; p=" + quoted(value)));
                case "file name" -> b.attach(Attachment.of(value, new byte[] {1}, "application/octet-stream"));
                default -> throw new IllegalArgumentException(kind);
            }
            m = b.build();
        } catch (MailException e) {
            refused++;
            return;
        }
        byte[] bytes;
        try {
            bytes = MimeWriter.builder().smtpUtf8(utf8).build().toBytes(m);
        } catch (MessageRenderException e) {
            throw new AssertionError(label + ": the writer refused instead of folding or encoding: " + e.getMessage(), e);
        }
        String head = assertLines(bytes, label);
        Properties props = new Properties();
        props.setProperty("mail.mime.allowutf8", String.valueOf(utf8));
        MimeMessage parsed = new MimeMessage(Session.getInstance(props), new ByteArrayInputStream(bytes));
        switch (kind) {
            case "subject" -> {
                // Angus drops white space right after the colon of a raw value (it reads it as syntax), not inside encoded-words.
                assertThat(parsed.getSubject()).as(label).isIn(value, value.stripLeading());
                exactUnfold(head, "Subject", value, label);
            }
            case "custom header" -> {
                assertThat(MimeUtility.decodeText(MimeUtility.unfold(parsed.getHeader("X-Property-Test")[0]))).as(label).isEqualTo(value.strip());
                exactUnfold(head, "X-Property-Test", value.strip(), label);
            }
            case "display name" -> {
                String name = value.isBlank() ? null : value; // EmailAddress drops a blank display name
                assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).as(label).isEqualTo(name);
                assertThat(((InternetAddress) parsed.getRecipients(jakarta.mail.Message.RecipientType.CC)[0]).getPersonal()).as(label).isEqualTo(name);
            }
            case "content-type parameter" -> assertThat(new ContentType(attachment(parsed).getContentType()).getParameter("p")).as(label).isEqualTo(value);
            case "file name" -> assertThat(attachment(parsed).getFileName()).as(label).isEqualTo(value);
            default -> throw new IllegalArgumentException(kind);
        }
        rendered++;
    }

    /** Every line of the message is at most 998 octets, CRLF-terminated; header lines are never white space only. */
    private static String assertLines(byte[] bytes, String label) {
        int lineStart = 0;
        int headerEnd = -1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                assertThat(i > 0 && bytes[i - 1] == '\r').as("bare LF at %d, %s", i, label).isTrue();
                int length = i - 1 - lineStart;
                longestLine = Math.max(longestLine, length);
                if (length > 998) {
                    fail(label + ": a line of " + length + " octets at offset " + lineStart);
                }
                boolean blankish = length > 0;
                for (int k = lineStart; k < i - 1 && blankish; k++) {
                    blankish = bytes[k] == ' ' || bytes[k] == '\t';
                }
                if (blankish) {
                    fail(label + ": a line of white space only at offset " + lineStart + " (RFC 5322 section 3.2.2)");
                }
                if (length == 0 && headerEnd < 0) {
                    headerEnd = lineStart;
                }
                lineStart = i + 1;
            }
        }
        return new String(bytes, 0, headerEnd, StandardCharsets.UTF_8);
    }

    /** Unfolding by RFC 5322 section 2.2.3 (remove each CRLF before WSP) gives "Name: " + value, or encoded-words. */
    private static void exactUnfold(String head, String name, String value, String label) {
        String unfolded = head.replace("\r\n ", " ").replace("\r\n\t", "\t");
        for (String line : unfolded.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                String wire = line.substring(name.length() + 2);
                if (wire.startsWith("=?UTF-8?")) {
                    encodedFallbacks += needsEncoding(value) ? 0 : 1;
                } else {
                    assertThat(wire).as("unfolded %s, %s", name, label).isEqualTo(value);
                }
                return;
            }
        }
        fail(label + ": no " + name + " header");
    }

    private static boolean needsEncoding(String value) {
        return value.contains("=?") || value.chars().anyMatch(ch -> ch >= 0x80);
    }

    private static BodyPart attachment(MimeMessage parsed) throws Exception {
        return ((MimeMultipart) parsed.getContent()).getBodyPart(1);
    }

    private static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Words and white-space runs of generated lengths: short and long words, single to very long runs of SP and HTAB. */
    private static String value(Random r) {
        StringBuilder b = new StringBuilder();
        int segments = 1 + r.nextInt(r.nextInt(4) == 0 ? 60 : 8);
        boolean ascii = r.nextInt(3) == 0;
        if (r.nextInt(8) == 0) {
            b.append(run(r));
        }
        for (int s = 0; s < segments; s++) {
            if (s > 0) {
                b.append(run(r));
            }
            int length = switch (r.nextInt(10)) {
                case 0 -> 300 + r.nextInt(900);
                case 1, 2 -> 40 + r.nextInt(80);
                default -> 1 + r.nextInt(12);
            };
            String alphabet = ascii ? ALPHABETS[r.nextInt(2)] : ALPHABETS[r.nextInt(ALPHABETS.length)];
            for (int k = 0; k < length; k++) {
                b.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, r.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
        }
        if (r.nextInt(8) == 0) {
            b.append(run(r));
        }
        return b.toString();
    }

    private static String run(Random r) {
        int length = switch (r.nextInt(10)) {
            case 0 -> 200 + r.nextInt(2500);
            case 1, 2 -> 2 + r.nextInt(20);
            default -> 1;
        };
        StringBuilder b = new StringBuilder();
        int style = r.nextInt(3);
        for (int k = 0; k < length; k++) {
            b.append(style == 0 ? ' ' : style == 1 ? '\t' : r.nextBoolean() ? ' ' : '\t');
        }
        return b.toString();
    }
}
