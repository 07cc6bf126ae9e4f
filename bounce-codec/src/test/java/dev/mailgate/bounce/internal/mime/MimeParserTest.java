package dev.mailgate.bounce.internal.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MimeParserTest {
    @Test
    void aMultipartWithoutContentTypeIsRecognizedByItsDelimiters() {
        String message = "From: MAILER-DAEMON\n\nThis is a MIME-encapsulated message\n\n--abc123/host\n\nhuman text\n"
                + "--abc123/host\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@example.org\n--abc123/host--\n";
        MimePart root = MimeParser.parse(message, 12, 500);
        assertThat(root.mediaType()).isEqualTo("multipart/mixed");
        assertThat(root.children()).extracting(MimePart::mediaType).containsExactly("text/plain", "message/delivery-status");
    }

    @Test
    void aDeclaredBoundaryTheBodyNeverUsesFallsBackToTheBodysDelimiters() {
        String message = "Content-Type: multipart/report; boundary=\"declared\"\n\n--actual.1\nContent-Type: text/plain\n\none\n"
                + "--actual.1\nContent-Type: text/plain\n\ntwo\n--actual.1--\n";
        assertThat(MimeParser.parse(message, 12, 500).children()).hasSize(2);
    }

    @Test
    void foldedParametersWithoutSemicolonStillGiveTheMediaType() {
        MimePart root = parse("Content-Type: text/plain\n   charset=\"iso-2022-jp\"\n\nbody\n");
        assertThat(root.mediaType()).isEqualTo("text/plain");
    }

    @Test
    void transferEncodingsAndCharsetsAreUndone() {
        MimePart qp = parse("Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                + "Gr=C3=BC=C3=9Fe, soft=\nbreak, bad =ZZ kept\n");
        assertThat(qp.text()).isEqualTo("Grüße, softbreak, bad =ZZ kept\n");
        MimePart b64 = parse("Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: base64\n\n"
                + "SGVsbG8g\nR3L8\n*32U=\n"); // line breaks and a stray '*' are skipped, as RFC 2045 6.8 says
        assertThat(b64.text()).isEqualTo("Hello Grüße");
    }

    @Test
    void unknownCharsetsAndEightBitGarbageNeverFail() {
        MimePart part = parse("Content-Type: text/plain; charset=x-unknown-charset\n\n\u00ff\u00fe\u0000text");
        assertThat(part.text()).endsWith("text");
    }

    @Test
    void nestingIsBounded() {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            m.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n--b").append(i).append('\n');
        }
        MimePart root = MimeParser.parse(m.toString(), 12, 500);
        int[] depth = {0};
        MimePart p = root;
        while (!p.children().isEmpty()) {
            p = p.children().get(0);
            depth[0]++;
        }
        assertThat(depth[0]).isLessThanOrEqualTo(12);
    }

    /** With InputLimits' defaults (12 levels, 500 parts). */
    private static MimePart parse(String message) {
        return MimeParser.parse(message, 12, 500);
    }

    @Test
    void theDepthAndPartBoundsAreTheOnesGiven() {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            m.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\n\n--b").append(i).append('\n');
        }
        m.append("Content-Type: text/plain\n\ninnermost\n");
        int[] deepest = new int[1];
        walk(MimeParser.parse(m.toString(), 3, 500), 0, deepest);
        assertThat(deepest[0]).isEqualTo(3);
        StringBuilder many = new StringBuilder("Content-Type: multipart/mixed; boundary=\"x\"\n\n");
        for (int i = 0; i < 20; i++) {
            many.append("--x\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        many.append("--x--\n");
        assertThat(MimeParser.parse(many.toString(), 12, 5).children()).hasSize(4);
    }

    private static void walk(MimePart p, int depth, int[] deepest) {
        deepest[0] = Math.max(deepest[0], depth);
        for (MimePart c : p.children()) {
            walk(c, depth + 1, deepest);
        }
    }
}
