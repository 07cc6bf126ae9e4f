package dev.mailgate.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The word-at-a-time scan against a plain octet-by-octet reference of RFC 5321 section 4.5.2, on random content
 * made of the octets that matter (CR, LF, '.', 8-bit, letters) at every alignment.
 */
class DotStuffingDifferentialTest {
    private static final byte[] ALPHABET = {'\r', '\n', '.', (byte) 0xC3, 'a', 'b', ' ', '\r', '\n'};

    @Test
    void agreesWithTheReferenceOnRandomContent() {
        Random random = new Random(5321);
        for (int round = 0; round < 200_000; round++) {
            // short contents at every alignment, and now and then longer ones with runs of good lines between fixes
            byte[] content = new byte[random.nextInt(round % 10 == 0 ? 600 : 40)];
            for (int i = 0; i < content.length; i++) {
                content[i] = random.nextInt(3) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) ('a' + random.nextInt(26));
            }
            if (round % 3 != 2) {
                // CRLF only, so the fast path is taken as well (no dot after a break), or only dots need a fix
                String crlf = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\r", "").replace("\n", "\r\n");
                content = (round % 3 == 0 ? crlf.replace("\r\n.", "\r\nx") : crlf).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            DotStuffing got = DotStuffing.encode(ByteBuffer.wrap(content));
            assertThat(got.data()).as("round %d", round).isEqualTo(reference(content));
            boolean eightBit = false;
            for (byte b : content) {
                eightBit |= b < 0;
            }
            assertThat(got.eightBit()).isEqualTo(eightBit);
        }
    }

    /** Lines split at CRLF, bare CR or bare LF; each line written with a leading '.' doubled and CRLF; then ".\r\n". */
    private static byte[] reference(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        int n = in.length;
        while (i < n) {
            int j = i;
            while (j < n && in[j] != '\r' && in[j] != '\n') {
                j++;
            }
            if (j > i && in[i] == '.') {
                out.write('.');
            }
            out.write(in, i, j - i);
            out.write('\r');
            out.write('\n');
            if (j == n) {
                i = n;
                break;
            }
            i = j + (in[j] == '\r' && j + 1 < n && in[j + 1] == '\n' ? 2 : 1);
        }
        out.write('.');
        out.write('\r');
        out.write('\n');
        return out.toByteArray();
    }
}
