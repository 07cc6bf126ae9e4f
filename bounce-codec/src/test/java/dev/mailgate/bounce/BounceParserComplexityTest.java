package dev.mailgate.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.testing.complexity.LinearGrowth;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The bounce parser's time grows linearly with every dimension a stranger controls (anyone can mail a bounce
 * address): addresses in the text, X-Failed-Recipients, mentions of one address, DSN recipient blocks, header
 * lines, MIME parts, nesting depth and line length. Each test doubles one dimension and fails when a doubling costs
 * more than 2.5 times (issue 18: 250 addresses in 6.5 KB took 1.1 s, 1,000 in 26 KB 38 s). See {@link LinearGrowth}
 * for how the measurement stays robust on a loaded machine. Sizes stay under the parser's 32 MB limit and, for the
 * dimensions whose per-item data is large (DSN blocks, header lines), small enough that cache misses of a big live
 * heap do not pass for algorithmic growth.
 */
class BounceParserComplexityTest {
    private static final BounceParser PARSER = BounceParser.create();
    private static final String BOUNCE_HEADERS = "Return-Path: <>\r\nFrom: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\n"
            + "To: news@example.com\r\nSubject: Undelivered Mail Returned to Sender\r\nMessage-ID: <b-1@mx.example.net>\r\n";

    @Test
    void addressesInAPlainTextBounce() {
        // the shape of issue 18: one address per line, no reply quoted, so every address is searched to the end
        IntFunction<byte[]> mail = n -> plain(repeat(n, i -> "  user" + i + "@example.org: mailbox unavailable\r\n"));
        assertThat(PARSER.parse(mail.apply(40)).recipients()).hasSize(40);
        report(LinearGrowth.of("BounceParser: addresses in the text").startSize(64), mail);
    }

    @Test
    void xFailedRecipients() {
        IntFunction<byte[]> mail = n -> {
            StringBuilder header = new StringBuilder("X-Failed-Recipients: ");
            StringBuilder body = new StringBuilder("The following addresses failed:\r\n");
            for (int i = 0; i < n; i++) {
                header.append(i == 0 ? "" : ",\r\n ").append("user").append(i).append("@example.org");
                body.append("  user").append(i).append("@example.org\r\n");
            }
            return bytes(BOUNCE_HEADERS + header + "\r\n\r\n" + body);
        };
        assertThat(PARSER.parse(mail.apply(40)).recipients()).hasSize(40);
        report(LinearGrowth.of("BounceParser: X-Failed-Recipients").startSize(64), mail);
    }

    @Test
    void mentionsOfOneAddress() {
        // every mention's block runs to the end of the text: checking each block again for a reply was quadratic
        // ("#" before the number: "retry 200 " would quote a reply code and end the search)
        IntFunction<byte[]> mail = n -> plain("gone@example.org could not be reached\r\n"
                + repeat(n, i -> "retry #" + i + " for gone@example.org deferred\r\n"));
        assertThat(PARSER.parse(mail.apply(40)).recipients()).hasSize(1);
        report(LinearGrowth.of("BounceParser: mentions of one address").startSize(64), mail);
    }

    @Test
    void addressesOnOneLongLine() {
        IntFunction<byte[]> mail = n -> plain("Delivery failed for: " + repeat(n, i -> "user" + i + "@example.org ") + "\r\n");
        report(LinearGrowth.of("BounceParser: line length (addresses on one line)").startSize(64), mail);
    }

    @Test
    void lineLengthWithoutAddresses() {
        IntFunction<byte[]> mail = n -> plain("550 5.1.1 " + repeat(n, i -> "x.5.1 1.2.3 said ") + "\r\n");
        report(LinearGrowth.of("BounceParser: line length").startSize(256).maxSize(1 << 19), mail);
    }

    /** A multipart/report DSN (RFC 3464) with this human-readable part and these delivery-status fields. */
    private static byte[] dsn(CharSequence human, CharSequence status) {
        return bytes(BOUNCE_HEADERS + "MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\n" + human + "--b\r\nContent-Type: message/delivery-status\r\n\r\n" + status
                + "--b--\r\n");
    }

    @Test
    void dsnRecipientBlocks() {
        IntFunction<byte[]> mail = n -> {
            StringBuilder human = new StringBuilder("The following addresses had permanent fatal errors:\r\n");
            StringBuilder status = new StringBuilder("Reporting-MTA: dns; mx.example.net\r\n\r\n");
            for (int i = 0; i < n; i++) {
                human.append("<user").append(i).append("@example.org>\r\n");
                status.append("Final-Recipient: rfc822; user").append(i).append("@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n")
                        .append("Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n");
            }
            return dsn(human, status);
        };
        assertThat(PARSER.parse(mail.apply(40)).recipients()).hasSize(40);
        report(LinearGrowth.of("BounceParser: DSN recipient blocks").startSize(64).maxSize(1 << 13), mail);
    }

    @Test
    void dsnRecipientsMentionedOnOneLine() {
        // each recipient's block looked for the end of its line and a colon on it with searches that ran to the end
        // of a one-line text, once per recipient
        IntFunction<byte[]> mail = n -> {
            StringBuilder human = new StringBuilder("Delivery failed for");
            StringBuilder status = new StringBuilder("Reporting-MTA: dns; mx.example.net\r\n\r\n");
            for (int i = 0; i < n; i++) {
                human.append(" <user").append(i).append("@example.org>");
                status.append("Final-Recipient: rfc822; user").append(i).append("@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n");
            }
            return dsn(human + "\r\n", status);
        };
        assertThat(PARSER.parse(mail.apply(40)).recipients()).hasSize(40);
        report(LinearGrowth.of("BounceParser: DSN recipients mentioned on one line").startSize(64).maxSize(1 << 14), mail);
    }

    @Test
    void pipeTargetsInDsnFields() {
        // Final-Recipient naming a pipe: its "generated by" address is searched for in the human text
        IntFunction<byte[]> mail = n -> {
            StringBuilder human = new StringBuilder();
            StringBuilder status = new StringBuilder("Reporting-MTA: dns; mx.example.net\r\n\r\n");
            for (int i = 0; i < n; i++) {
                human.append("|/usr/bin/filter-").append(i).append("\r\n  generated by user").append(i).append("@example.org\r\n");
                status.append("Final-Recipient: x-unix; |/usr/bin/filter-").append(i).append("\r\nAction: failed\r\nStatus: 5.0.0\r\n\r\n");
            }
            return dsn(human, status);
        };
        report(LinearGrowth.of("BounceParser: pipe targets in DSN fields").startSize(64), mail);
    }

    @Test
    void headerNamesWithOneFoldedHash() {
        // 31·h folds "0a" and "2#" to the same value: X- and 15 such pairs chosen by the bits of i give up to 32,768
        // distinct names of one hash; the name index probed all of them on every insert (32,768 fields: 10 s)
        IntFunction<byte[]> mail = n -> bytes(BOUNCE_HEADERS + repeat(n, i -> {
            StringBuilder name = new StringBuilder("X-");
            for (int bit = 14; bit >= 0; bit--) {
                name.append((i >> bit & 1) == 0 ? "0a" : "2#");
            }
            return name + ": v\r\n";
        }) + "\r\nuser@example.org: 550 5.1.1 unknown\r\n");
        report(LinearGrowth.of("BounceParser: header names of one hash").startSize(128).maxSize(1 << 15), mail);
    }

    @Test
    void headerLines() {
        IntFunction<byte[]> mail = n -> bytes(BOUNCE_HEADERS + repeat(n, i -> "X-Trace-" + i + ": hop " + i + " via relay" + i + ".example.net\r\n")
                + "\r\nuser@example.org: 550 5.1.1 unknown\r\n");
        report(LinearGrowth.of("BounceParser: header lines").startSize(128).maxSize(1 << 17), mail);
    }

    @Test
    void foldedHeaderValue() {
        IntFunction<byte[]> mail = n -> bytes(BOUNCE_HEADERS + "X-Long: start" + repeat(n, i -> "\r\n continued " + i) + "\r\n"
                + "\r\nuser@example.org: 550 5.1.1 unknown\r\n");
        report(LinearGrowth.of("BounceParser: folded lines of one header").startSize(128).maxSize(1 << 20), mail);
    }

    @Test
    void mimeParts() {
        IntFunction<byte[]> mail = n -> bytes(BOUNCE_HEADERS + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"p\"\r\n\r\n"
                + repeat(n, i -> "--p\r\nContent-Type: text/plain\r\n\r\npart " + i + " for user" + i + "@example.org\r\n") + "--p--\r\n");
        report(LinearGrowth.of("BounceParser: MIME parts").startSize(64).maxSize(1 << 18), mail);
    }

    @Test
    void nestingDepth() {
        IntFunction<byte[]> mail = n -> {
            StringBuilder open = new StringBuilder();
            StringBuilder close = new StringBuilder();
            for (int i = 0; i < n; i++) {
                open.append("--n").append(i).append("\r\nContent-Type: multipart/mixed; boundary=\"n").append(i + 1).append("\"\r\n\r\n");
                close.insert(0, "--n" + i + "--\r\n");
            }
            return bytes(BOUNCE_HEADERS + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"n0\"\r\n\r\n" + open
                    + "--n" + n + "\r\nContent-Type: text/plain\r\n\r\nuser@example.org: 550 5.1.1 unknown\r\n--n" + n + "--\r\n" + close);
        };
        report(LinearGrowth.of("BounceParser: nesting depth").startSize(64).maxSize(1 << 18), mail);
    }

    private static void report(LinearGrowth.Builder check, IntFunction<byte[]> mail) {
        System.out.println("[complexity] " + check.check(mail, PARSER::parse));
    }

    private static byte[] plain(String body) {
        return bytes(BOUNCE_HEADERS + "\r\nThis is the mail system at host mx.example.net.\r\n\r\n" + body);
    }

    private static String repeat(int n, IntFunction<String> line) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(line.apply(i));
        }
        return b.toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
