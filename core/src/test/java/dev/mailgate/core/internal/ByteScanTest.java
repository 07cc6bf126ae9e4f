package dev.mailgate.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The eight-octet scans must agree with plain loops on every input, at every offset. */
class ByteScanTest {
    @Test
    void agreesWithPlainLoopsOnRandomInput() {
        Random r = new Random(42);
        // around CR and LF too (0x09, 0x0B, 0x0C, 0x0E pass indexOfCrOrLf's first, cheaper test but not the exact one)
        byte[] alphabet = {'a', 'Z', ' ', '.', '=', '\t', '\r', '\n', 0, 0x0B, 0x0C, 0x0E, 0x1F, 0x7E, 0x7F, (byte) 0x80, (byte) 0x8D,
            (byte) 0x8A, (byte) 0xC3, (byte) 0xFF, '_'};
        for (int round = 0; round < 200_000; round++) {
            byte[] a = new byte[r.nextInt(40)];
            for (int i = 0; i < a.length; i++) {
                // Mostly ordinary letters, so that long clean runs (the fast path) occur.
                a[i] = r.nextInt(8) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) ('a' + r.nextInt(26));
            }
            int from = a.length == 0 ? 0 : r.nextInt(a.length + 1);
            int to = from + (a.length - from == 0 ? 0 : r.nextInt(a.length - from + 1));
            assertThat(ByteScan.indexOfLf(a, from, to)).isEqualTo(plainIndexOfLf(a, from, to));
            assertThat(ByteScan.skipPrintableExceptEquals(a, from, to)).isEqualTo(plainSkip(a, from, to));
            assertThat(ByteScan.indexOfCrOrLf(a, from, to)).isEqualTo(plainIndexOfCrOrLf(a, from, to));
            assertThat(ByteScan.anyEightBit(a, from, to)).isEqualTo(plainAnyEightBit(a, from, to));
        }
    }

    /**
     * The word test of {@code skipPrintableExceptEquals} relies on carries and borrows running only upward from a
     * byte that is itself a stop: every pair of octet values, at every pair of positions of a word, checks it.
     */
    @Test
    void skipPrintableExceptEqualsIsExactForEveryPairOfOctets() {
        byte[] a = new byte[16];
        for (int x = 0; x < 256; x++) {
            for (int y = 0; y < 256; y++) {
                for (int j = 0; j < 8; j++) {
                    for (int k = j + 1; k < 8; k += 3) {
                        java.util.Arrays.fill(a, (byte) 'q');
                        a[j] = (byte) x;
                        a[k] = (byte) y;
                        int expected = plainSkip(a, 0, 16);
                        if (ByteScan.skipPrintableExceptEquals(a, 0, 16) != expected) {
                            throw new AssertionError("octets " + x + " at " + j + " and " + y + " at " + k);
                        }
                    }
                }
            }
        }
    }

    private static int plainIndexOfLf(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return to;
    }

    private static int plainIndexOfCrOrLf(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] == '\r' || a[i] == '\n') {
                return i;
            }
        }
        return to;
    }

    private static boolean plainAnyEightBit(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] < 0) {
                return true;
            }
        }
        return false;
    }

    private static int plainSkip(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = a[i] & 0xFF;
            if (b < 0x20 || b >= 0x7F || b == '=') {
                return i;
            }
        }
        return to;
    }

    @Test
    void theStuffingScanStopsExactlyWhereAPlainLoopDoes() {
        Random r = new Random(5321);
        byte[] alphabet = {'\r', '\n', '.', '\r', '\n', (byte) 0x8D, (byte) 0x8A, (byte) 0xAE, 0x0D + 0x20, 'x'};
        for (int round = 0; round < 200_000; round++) {
            byte[] a = new byte[1 + r.nextInt(48)];
            for (int i = 0; i < a.length; i++) {
                a[i] = r.nextInt(4) == 0 ? alphabet[r.nextInt(alphabet.length)] : (byte) ('a' + r.nextInt(26));
            }
            if (round % 2 == 0) {
                // mostly good CRLF lines, the case the scan passes over
                a = new String(a, java.nio.charset.StandardCharsets.ISO_8859_1).replace("\r", "").replace("\n", "\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                if (a.length == 0) {
                    continue;
                }
            }
            int from = 1 + r.nextInt(a.length);
            int to = from + r.nextInt(a.length - from + 1);
            int expected = to;
            for (int j = from; j < to; j++) {
                byte c = a[j];
                boolean bareCr = c == '\r' && (j + 1 == to || a[j + 1] != '\n');
                boolean bareLf = c == '\n' && a[j - 1] != '\r';
                boolean lineDot = c == '.' && a[j - 1] == '\n';
                if (bareCr || bareLf || lineDot) {
                    expected = j;
                    break;
                }
            }
            assertThat(ByteScan.indexOfStuffingFix(a, from, to)).as("round %d", round).isEqualTo(expected);
        }
    }
}
