package dev.mailgate.jakartamail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.ContentSource;
import dev.mailgate.core.message.Disposition;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.mime.MimeWriter;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The correctness oracle of the writer: generated messages (random Unicode, long words, odd file names, empty
 * parts, big attachments) are rendered and parsed back with Angus Mail, and every field must survive. Each case
 * has its own seed, so a failure names the seed that reproduces it.
 */
class RoundTripTest {
    private static final int CASES = 400;
    private static final String[] SCRIPTS = {
        "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789",
        " .,;:!?-_=+*/\\\"'()<>[]@%&#$~^`{}|",
        "äöüßéèêçñøåÆŒ", "αβγδεζηθλμπσω", "абвгдежзийклмнопрст", "中文字符测试邮件主题", "日本語のテキスト", "한국어",
        "😀🎉📧🚀", "\t", "=?utf-8?q?x?=", "=_", "\u00a0\u2009", "\r\n", "\n", "\r"
    };

    static Stream<Long> seeds() {
        return IntStream.range(0, CASES).mapToObj(i -> 0x5eed0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyFieldSurvivesAngusParsing(long seed) throws Exception {
        Random r = new Random(seed);
        boolean utf8 = r.nextInt(5) == 0;
        MimeWriter writer = MimeWriter.builder().smtpUtf8(utf8).eightBitMime(utf8 || r.nextBoolean()).build();
        EmailMessage original = randomMessage(r);
        byte[] bytes = writer.toBytes(original);

        assertWireForm(bytes, seed);

        Properties props = new Properties();
        props.setProperty("mail.mime.allowutf8", String.valueOf(utf8));
        MimeMessage parsed = new MimeMessage(Session.getInstance(props), new ByteArrayInputStream(bytes));
        EmailMessage back = MimeMessages.fromMimeMessage(parsed);

        assertThat(back.from()).as("from, seed %d", seed).isEqualTo(original.from());
        assertThat(back.from().flatMap(EmailAddress::displayName)).as("from display name").isEqualTo(original.from().flatMap(EmailAddress::displayName));
        assertThat(back.to()).as("to").isEqualTo(original.to());
        assertThat(names(back.to())).as("to display names").isEqualTo(names(original.to()));
        assertThat(back.cc()).as("cc").isEqualTo(original.cc());
        assertThat(back.bcc()).as("bcc is never on the wire").isEmpty();
        assertThat(back.replyTo()).as("reply-to").isEqualTo(original.replyTo());
        assertThat(back.subject().map(String::strip)).as("subject").isEqualTo(original.subject().map(String::strip));
        assertThat(back.messageId()).as("message id").isEqualTo(original.messageId());
        assertThat(back.date().map(OffsetDateTime::toInstant)).as("date").isEqualTo(original.date().map(OffsetDateTime::toInstant));
        assertThat(back.text().map(RoundTripTest::crlf)).as("text body").isEqualTo(original.text().map(RoundTripTest::crlf).or(() -> emptyBodyFor(original)));
        assertThat(back.html().map(RoundTripTest::crlf)).as("html body").isEqualTo(original.html().map(RoundTripTest::crlf));
        assertThat(back.headers()).as("custom headers").containsExactlyElementsOf(original.headers());
        assertThat(back.attachments()).as("attachment count").hasSameSizeAs(original.attachments());
        for (int i = 0; i < original.attachments().size(); i++) {
            Attachment want = findSame(original.attachments().get(i), back.attachments());
            assertThat(want).as("attachment %d (%s) survives", i, original.attachments().get(i).fileName()).isNotNull();
        }
    }

    private static Optional<String> emptyBodyFor(EmailMessage m) {
        // A message without text and HTML gets an empty text/plain body, unless it has file attachments.
        boolean onlyInline = m.attachments().stream().allMatch(a -> a.disposition() == Disposition.INLINE);
        return m.html().isEmpty() && onlyInline ? Optional.of("") : Optional.empty();
    }

    private static Attachment findSame(Attachment want, List<Attachment> candidates) throws Exception {
        byte[] wantBytes = want.content().open().readAllBytes();
        for (Attachment c : candidates) {
            if (c.disposition() == want.disposition() && c.contentId().equals(want.contentId())
                    && (want.disposition() == Disposition.INLINE ? c.fileName().equals(want.fileName()) : c.fileName().equals(want.fileName()))
                    && c.contentType().equals(want.contentType())
                    && Arrays.equals(c.content().open().readAllBytes(), wantBytes)) {
                return c;
            }
        }
        return null;
    }

    private static void assertWireForm(byte[] bytes, long seed) {
        int lineStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                assertThat(i > 0 && bytes[i - 1] == '\r').as("LF at %d is part of CRLF (seed %d)", i, seed).isTrue();
                assertThat(i - 1 - lineStart).as("line length at %d (seed %d)", i, seed).isLessThanOrEqualTo(998);
                lineStart = i + 1;
            } else if (bytes[i] == '\r') {
                assertThat(i + 1 < bytes.length && bytes[i + 1] == '\n').as("CR at %d is part of CRLF (seed %d)", i, seed).isTrue();
            }
        }
        assertThat(bytes.length - lineStart).isLessThanOrEqualTo(998);
        String head = new String(bytes, 0, Math.min(bytes.length, indexOfBlankLine(bytes)), StandardCharsets.UTF_8);
        for (String line : head.split("\r\n")) {
            assertThat(line).as("header lines start with a name or white space").matches("^([!-9;-~]+:.*|[ \t].*)$");
        }
    }

    private static int indexOfBlankLine(byte[] b) {
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return b.length;
    }

    private static List<Optional<String>> names(List<EmailAddress> list) {
        return list.stream().map(EmailAddress::displayName).toList();
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\r", "\n");
    }

    static EmailMessage randomMessage(Random r) {
        EmailMessage.Builder b = EmailMessage.builder()
                .from(address(r))
                .messageId("id" + r.nextInt(1_000_000) + "." + r.nextInt(1000) + "@example.com")
                .date(OffsetDateTime.of(2020 + r.nextInt(10), 1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60), r.nextInt(60), 0,
                        ZoneOffset.ofHoursMinutes(r.nextInt(25) - 12, 0)));
        int to = 1 + r.nextInt(r.nextInt(10) == 0 ? 30 : 3);
        for (int i = 0; i < to; i++) {
            b.to(address(r));
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            b.cc(address(r));
        }
        for (int i = r.nextInt(2); i > 0; i--) {
            b.bcc(address(r));
        }
        if (r.nextBoolean()) {
            b.replyTo(address(r));
        }
        if (r.nextInt(8) != 0) {
            b.subject(headerText(r, r.nextInt(4) == 0 ? 300 : 60));
        }
        for (int i = r.nextInt(3); i > 0; i--) {
            b.header("X-Custom-" + i, headerText(r, 120));
        }
        int bodies = r.nextInt(4);
        if (bodies == 1 || bodies == 3) {
            b.text(bodyText(r));
        }
        if (bodies == 2 || bodies == 3) {
            b.html("<html><body><p>" + bodyText(r) + "</p></body></html>");
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            byte[] data = new byte[r.nextInt(5) == 0 ? 200_000 + r.nextInt(100_000) : r.nextInt(3000)];
            r.nextBytes(data);
            if (r.nextInt(3) == 0 && bodies >= 2) {
                b.attach(Attachment.inline("img" + i + "." + r.nextInt(1000) + "@example.com", data, "image/png"));
            } else {
                b.attach(Attachment.of(fileName(r), "application/octet-stream", ContentSource.of(data)));
            }
        }
        return b.build();
    }

    private static EmailAddress address(Random r) {
        String local = pick(r, "ana", "bob.smith", "x+tag", "o'brien", "a_b-c", "\"quoted name\"", "\"odd@local\"", "user");
        String domain = pick(r, "example.com", "mail.example.org", "bücher.example", "例え.jp", "EXAMPLE.NET");
        String name = switch (r.nextInt(5)) {
            case 0 -> null;
            case 1 -> "Ana Lopez";
            case 2 -> headerText(r, 40).strip();
            case 3 -> "Smith, John \"JJ\"";
            default -> "José Müller 中文";
        };
        return EmailAddress.of(name == null || name.isBlank() ? null : name, local + "@" + domain);
    }

    private static String fileName(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> "report.pdf";
            case 1 -> "Résumé – final (v2).docx";
            case 2 -> "a very long file name that goes on and on and on beyond seventy characters.txt";
            case 3 -> "名前 " + r.nextInt(100) + ".bin";
            default -> "we\"ird;name=x.dat";
        };
    }

    private static String headerText(Random r, int maxLength) {
        int length = 1 + r.nextInt(maxLength);
        boolean mostlyAscii = r.nextBoolean();
        StringBuilder b = new StringBuilder();
        while (b.length() < length) {
            String script = mostlyAscii && r.nextInt(10) != 0 ? SCRIPTS[r.nextInt(6) == 0 ? 1 : 0] : SCRIPTS[r.nextInt(SCRIPTS.length - 4)];
            int cp = script.codePointAt(script.offsetByCodePoints(0, r.nextInt(script.codePointCount(0, script.length()))));
            b.appendCodePoint(cp);
        }
        String s = b.toString().strip();
        return s.isEmpty() ? "x" : s;
    }

    private static String bodyText(Random r) {
        if (r.nextInt(10) == 0) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        int length = r.nextInt(r.nextInt(6) == 0 ? 20_000 : 800);
        List<String> scripts = new ArrayList<>(List.of(SCRIPTS));
        int asciiBias = r.nextInt(3);
        while (b.length() < length) {
            String script = r.nextInt(100) < asciiBias * 45 ? SCRIPTS[r.nextInt(2)] : scripts.get(r.nextInt(scripts.size()));
            if (r.nextInt(50) == 0) {
                b.append("x".repeat(1200));
            }
            int cp = script.codePointAt(script.offsetByCodePoints(0, r.nextInt(script.codePointCount(0, script.length()))));
            b.appendCodePoint(cp);
        }
        return b.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... values) {
        return values[r.nextInt(values.length)];
    }
}
