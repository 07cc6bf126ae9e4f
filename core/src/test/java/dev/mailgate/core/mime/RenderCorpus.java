package dev.mailgate.core.mime;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.MessageIdGenerator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A wide, deterministic set of messages for {@link RenderCorpusTest}: hand-written hostile cases (long lines, dots
 * and "From " at line starts, bare CR / LF, NUL, 8-bit text, "=_", encoded-word look-alikes, attachments, inline
 * parts, empty bodies, long header values) and seeded random ones. Each case is a supplier, so that a builder
 * refusal is part of what is compared too.
 */
final class RenderCorpus {
    private static final String[] PIECES = {
        "a", "Z", "hello", " ", "  ", "\t", "=", "=_", "=?", "?=", ".", "..", "From ", "\r", "\n", "\r\n", "\n\r",
        "\0", "\u0001", "\u007F", "\u0080", "é", "ü", "€", "—", "中文", "😀", "\uD800", "\uDC00", "~", "\"", "\\",
        "<", ">", "@", ",", ";", ":", "(", ")", "_", "-", "x".repeat(80), "y".repeat(1000), " ".repeat(90), "\u00A0",
        "\u2028", "\u0085", "ÿ", "0123456789",
    };
    /** Pieces a header value may hold (no controls, line separators or lone surrogates: the builder refuses them). */
    private static final String[] HEADER_PIECES = {
        "a", "Z", "word", " ", "  ", "\t", "=", "=?", "?=", "=?UTF-8?Q?x?=", ".", "é", "ü", "€", "中文", "😀", "\"",
        "\\", "<", ">", "@", ",", ";", ":", "(", ")", "_", "-", "w".repeat(70), "v".repeat(300), " ".repeat(40),
        "\u00A0", "ÿ", "0123456789", "\\ ",
    };

    private RenderCorpus() {
    }

    static Map<String, Supplier<EmailMessage>> cases() {
        Map<String, Supplier<EmailMessage>> cases = new LinkedHashMap<>();
        cases.put("newsletter-fixture", MimeWriterTest::newsletter);
        cases.put("benchmark", RenderCorpus::benchmarkMessage);
        cases.put("ascii-text", () -> base().text("Hello,\nplain ASCII text.\n").build());
        cases.put("ascii-crlf", () -> base().text("Hello,\r\nplain ASCII text.\r\n").build());
        cases.put("empty-text", () -> base().text("").build());
        cases.put("empty-html", () -> base().html("").build());
        cases.put("empty-both", () -> base().text("").html("").build());
        cases.put("no-body", () -> base().build());
        cases.put("no-from", () -> EmailMessage.builder().to("b@example.org").text("x").build());
        cases.put("utf8-names", () -> base().from("José Müller", "jose@example.com").to(EmailAddress.of("中文 名前", "zh@example.org"))
                .cc(EmailAddress.of("Ünïcödé \"quoted\" \\ name", "u@example.net")).subject("Grüße — 😀 emoji").text("ok").build());
        cases.put("names", () -> base().to(EmailAddress.of("Plain Name", "p@example.org"), EmailAddress.of("Dr. Who, PhD", "d@example.org"),
                EmailAddress.of("a".repeat(75), "l@example.org"), EmailAddress.of("quo\"te back\\slash " + "q".repeat(70), "q@example.org"),
                EmailAddress.of("  spaced  ", "s@example.org"), EmailAddress.of("=?looks?=", "e@example.org")).text("x").build());
        cases.put("many-recipients", () -> {
            EmailMessage.Builder b = base();
            for (int i = 0; i < 40; i++) {
                b.to(EmailAddress.of(i % 3 == 0 ? "Person " + i : null, "person" + i + "@example" + i + ".org"));
            }
            return b.cc("x@example.com, Y <y@example.com>").bcc("hidden@example.com").text("x").build();
        });
        cases.put("long-lines", () -> base().text("x".repeat(75) + "\n" + "y".repeat(76) + "\n" + "z".repeat(77) + "\n" + "w".repeat(998)
                + "\n" + "v".repeat(999) + "\n" + "u".repeat(5000)).build());
        cases.put("long-line-8bit", () -> base().text("é".repeat(600) + "\n" + "a".repeat(2000) + "é").build());
        cases.put("dots-and-from", () -> base().text(".\n..\n.leading\nFrom me\nFrom \n>From x\n.\r\n.").html(".\r\nFrom x\r\n.").build());
        cases.put("trailing-space", () -> base().text("end space \nend tab\t\nboth \t\n \n\t\n" + "s".repeat(74) + " \n" + "s".repeat(75) + " \n"
                + "s".repeat(73) + "\t\n" + "e".repeat(1200) + " ").build());
        cases.put("trailing-space-8bit", () -> base().text("é end space \né".repeat(10) + "é".repeat(30) + " \n" + "ü".repeat(25) + "\t").build());
        cases.put("bare-cr", () -> base().text("one\rtwo\rthree\r").build());
        cases.put("bare-lf", () -> base().text("one\ntwo\nthree\n").build());
        cases.put("mixed-breaks", () -> base().text("a\r\nb\nc\rd\n\re\r\r\n\n").html("x\ry\n").build());
        cases.put("nul", () -> base().text("nul\0here\nand \u0001 ctrl \u007F del").build());
        cases.put("eight-bit", () -> base().text("Café crème, Grüße, naïve — €5.\n").build());
        cases.put("mostly-8bit", () -> base().text("中文中文中文中文 text 😀😀😀 ÿÿÿÿ\n".repeat(20)).build());
        cases.put("lone-surrogates", () -> base().text("a\uD800b\uDC00c\uDBFF\uDFFFd\uD83D").html("\uDC00").build());
        cases.put("boundary-like", () -> base().text("a =_ b\n=_mg\n--=_b1\n").build());
        cases.put("equals", () -> base().text("a=b\n==\n=\n" + "=".repeat(200)).build());
        cases.put("tabs", () -> base().text("\ta\tb\t\n\t\t").build());
        cases.put("encoded-word-subject", () -> base().subject("=?UTF-8?Q?not_really?=").text("x").build());
        cases.put("long-subject", () -> base().subject("word ".repeat(200).strip()).text("x").build());
        cases.put("long-subject-word", () -> base().subject("s".repeat(980)).text("x").build());
        cases.put("long-subject-utf8", () -> base().subject("Grüße ".repeat(60) + "ü".repeat(200)).text("x").build());
        cases.put("subject-spaces", () -> base().subject("  lead and trail  \t").text("x").build());
        cases.put("subject-backslash", () -> base().subject("a\\ " + "b".repeat(70) + " \\ " + "c".repeat(70)).text("x").build());
        cases.put("long-headers", () -> base().header("X-Long", "v ".repeat(500).strip()).header("X-Word", "w".repeat(900))
                .header("X-Utf8", "ü".repeat(300)).header("X-Tabs", "a\t\tb\t" + "t".repeat(100)).text("x").build());
        cases.put("list-unsubscribe", () -> base().listUnsubscribe(URI.create("mailto:u@example.com?subject=" + "s".repeat(100)))
                .listUnsubscribeOneClick(URI.create("https://example.com/u/" + "t".repeat(50))).text("x").build());
        cases.put("dated", () -> base().date(OffsetDateTime.of(2026, 1, 5, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(5, 30))).text("x").build());
        cases.put("dated-negative", () -> base().date(OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999, ZoneOffset.ofHours(-8))).text("x").build());
        cases.put("message-id", () -> base().messageId("<given.id@example.com>").text("x").build());
        cases.put("alternative", () -> base().text("text\n").html("<p>html</p>\n").build());
        cases.put("mixed", () -> base().text("text").attach(Attachment.of("a.bin", bytes(100))).build());
        cases.put("mixed-alternative", () -> base().text("text").html("<p>h</p>").attach(Attachment.of("a.txt", bytes(57), "text/plain"))
                .attach(Attachment.of("b.dat", bytes(0))).build());
        cases.put("related", () -> base().html("<img src=cid:x@y>").attach(Attachment.inline("x@y", bytes(58), "image/png")).build());
        cases.put("related-text-only", () -> base().text("t").attach(Attachment.inline("x@y", bytes(3), "image/gif")).build());
        cases.put("related-no-body", () -> base().attach(Attachment.inline("x@y", bytes(3), "image/gif")).build());
        cases.put("everything", () -> base().text("t").html("<p>h</p>").attach(Attachment.inline("i1@x", bytes(10000), "image/jpeg"))
                .attach(Attachment.inline("i2@x", "logo.png", "image/png", () -> new java.io.ByteArrayInputStream(bytes(4))))
                .attach(Attachment.of("Résumé très long nom de fichier " + "é".repeat(40) + ".pdf", bytes(4000), "application/pdf"))
                .attach(Attachment.of("plain-" + "n".repeat(90) + ".txt", bytes(1), "text/plain; charset=ISO-8859-1; format=flowed"))
                .build());
        cases.put("attachment-only", () -> base().attach(Attachment.of("only.bin", bytes(171))).build());
        cases.put("big-attachment", () -> base().text("t").attach(Attachment.of("big.bin", bytes(200_000))).build());
        cases.put("big-text", () -> base().text("Line of text number, with some words — and é.\n".repeat(3000)).build());
        cases.put("big-ascii", () -> base().text("Line of plain ASCII text in a long body.\n".repeat(5000)).html("<p>x</p>\n".repeat(3000)).build());
        Random random = new Random(20261203L);
        for (int i = 0; i < 1500; i++) {
            long seed = random.nextLong();
            cases.put("random-" + i, () -> randomMessage(new Random(seed)));
        }
        return cases;
    }

    static EmailMessage benchmarkMessage() {
        StringBuilder text = new StringBuilder("Hello Ana,\n\nhere is what happened in November — café news and more.\n\n");
        StringBuilder html = new StringBuilder("<html><body><h1>Hello Ana,</h1>\n<p>Here is what happened in November &mdash; café news.</p>\n");
        for (int item = 1; text.length() < 2300; item++) {
            text.append(item).append(". Our team shipped feature number ").append(item).append(", which makes sending mail faster and keeps lists clean.\n");
        }
        for (int item = 1; html.length() < 2700; item++) {
            html.append("<p><b>").append(item).append(".</b> Our team shipped feature number ").append(item)
                    .append(", which makes sending mail <i>faster</i>.</p>\n");
        }
        return EmailMessage.builder().from(EmailAddress.of("Mailgate Team", "news@example.com")).to(EmailAddress.parse("ana.lopez@example.org"))
                .replyTo(EmailAddress.parse("support@example.com")).subject("Your November newsletter — Grüße aus Köln")
                .messageIdGenerator(MessageIdGenerator.sequential("bench")).header("X-Campaign", "nov-2026")
                .text(text.append("\nRegards,\nthe Mailgate team\n").toString()).html(html.append("</body></html>\n").toString()).build();
    }

    private static EmailMessage.Builder base() {
        return EmailMessage.builder().from("Sender <sender@example.com>").to("rcpt@example.org").subject("Test")
                .messageIdGenerator(MessageIdGenerator.sequential("corpus"));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + (i >> 3));
        }
        return b;
    }

    private static EmailMessage randomMessage(Random r) {
        EmailMessage.Builder b = EmailMessage.builder().messageIdGenerator(MessageIdGenerator.sequential("r"))
                .from(EmailAddress.of(r.nextInt(3) == 0 ? null : text(r, HEADER_PIECES, 6), "from@example.com"))
                .to(EmailAddress.of(r.nextBoolean() ? null : text(r, HEADER_PIECES, 4), "to@example.org"));
        if (r.nextInt(4) > 0) {
            b.subject(text(r, HEADER_PIECES, 1 + r.nextInt(r.nextInt(5) == 0 ? 60 : 12)));
        }
        for (int h = r.nextInt(3); h > 0; h--) {
            b.header("X-R" + h, text(r, HEADER_PIECES, r.nextInt(20)));
        }
        int shape = r.nextInt(6);
        if (shape != 1) {
            b.text(body(r));
        }
        if (shape == 1 || shape == 2 || shape == 3) {
            b.html(body(r));
        }
        if (shape == 3 || shape == 4) {
            b.attach(Attachment.of(text(r, HEADER_PIECES, 1 + r.nextInt(4)).strip() + ".bin", bytes(r.nextInt(300))));
        }
        if (shape == 5 && r.nextBoolean()) {
            b.attach(Attachment.inline("c" + r.nextInt(100) + "@x", bytes(r.nextInt(100)), "image/png"));
        }
        return b.build();
    }

    private static String body(Random r) {
        int pieces = r.nextInt(8) == 0 ? 0 : r.nextInt(r.nextInt(4) == 0 ? 400 : 40);
        StringBuilder s = new StringBuilder();
        // Mostly ordinary text, with hostile pieces mixed in at a per-body rate, so that every encoding is chosen.
        int hostility = r.nextInt(100);
        for (int i = 0; i < pieces; i++) {
            if (r.nextInt(100) < hostility) {
                s.append(PIECES[r.nextInt(PIECES.length)]);
            } else {
                s.append(r.nextInt(10) == 0 ? "\n" : r.nextInt(5) == 0 ? " " : "word");
            }
        }
        return s.toString();
    }

    private static String text(Random r, String[] pieces, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(pieces[r.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
