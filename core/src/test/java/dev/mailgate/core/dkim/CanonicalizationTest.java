package dev.mailgate.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The canonicalization examples of RFC 6376 section 3.4.5, and the empty-body cases of 3.4.3 / 3.4.4. */
class CanonicalizationTest {

    @Test
    void relaxedHeaderExampleOfSection345() {
        assertThat(header(Canonicalization.RELAXED, "A: X")).isEqualTo("a:X\r\n");
        assertThat(header(Canonicalization.RELAXED, "B : Y\t\r\n\tZ  ")).isEqualTo("b:Y Z\r\n");
    }

    @Test
    void simpleHeaderIsUnchanged() {
        assertThat(header(Canonicalization.SIMPLE, "B : Y\t\r\n\tZ  ")).isEqualTo("B : Y\t\r\n\tZ  \r\n");
    }

    @Test
    void relaxedBodyExampleOfSection345() {
        assertThat(body(Canonicalization.RELAXED, " C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C\r\nD E\r\n");
    }

    @Test
    void simpleBodyExampleOfSection345() {
        assertThat(body(Canonicalization.SIMPLE, " C \r\nD \t E\r\n\r\n\r\n")).isEqualTo(" C \r\nD \t E\r\n");
    }

    @Test
    void emptyBodyIsOneCrlfInSimpleAndNothingInRelaxed() {
        assertThat(body(Canonicalization.SIMPLE, "")).isEqualTo("\r\n");
        assertThat(body(Canonicalization.RELAXED, "")).isEmpty();
        assertThat(body(Canonicalization.RELAXED, "\r\n  \r\n")).isEmpty();
    }

    @Test
    void missingFinalCrlfIsAdded() {
        assertThat(body(Canonicalization.SIMPLE, "abc")).isEqualTo("abc\r\n");
        assertThat(body(Canonicalization.RELAXED, "a  b ")).isEqualTo("a b\r\n");
    }

    @Test
    void emptyLinesInsideTheBodyStay() {
        assertThat(body(Canonicalization.RELAXED, "a\r\n \r\n\r\nb\r\n\r\n")).isEqualTo("a\r\n\r\n\r\nb\r\n");
    }

    @Test
    void bodyHashOfTheEmptySimpleBodyIsTheRfcValue() throws Exception {
        // RFC 6376 section 3.4.3: the SHA-256 of a lone CRLF, as every DKIM implementation computes it.
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Canonicalization.SIMPLE.body(new byte[0], 0, 0, sha, Long.MAX_VALUE);
        assertThat(Base64.getEncoder().encodeToString(sha.digest())).isEqualTo("frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=");
    }

    @Test
    void limitHashesOnlyThePrefixButCountsAll() throws Exception {
        MessageDigest limited = MessageDigest.getInstance("SHA-256");
        byte[] m = "hello\r\nworld\r\n".getBytes(StandardCharsets.US_ASCII);
        long length = Canonicalization.SIMPLE.body(m, 0, m.length, limited, 7);
        assertThat(length).isEqualTo(14);
        assertThat(limited.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest("hello\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    private static String header(Canonicalization c, String field) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.header(field, out, false);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static String body(Canonicalization c, String body) {
        byte[] m = body.getBytes(StandardCharsets.ISO_8859_1);
        Recorder r = new Recorder();
        long length = c.body(m, 0, m.length, r, Long.MAX_VALUE);
        assertThat(length).isEqualTo(r.bytes.size());
        return r.bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** A "digest" that keeps what it is fed, to see the canonical form itself. */
    private static final class Recorder extends MessageDigest {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Recorder() {
            super("recorder");
        }

        @Override
        protected void engineUpdate(byte input) {
            bytes.write(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int len) {
            bytes.write(input, offset, len);
        }

        @Override
        protected byte[] engineDigest() {
            return bytes.toByteArray();
        }

        @Override
        protected void engineReset() {
            bytes.reset();
        }
    }
}
