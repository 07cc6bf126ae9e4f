package dev.mailgate.core.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches that look at eight octets per step ("SWAR": SIMD within a register), for the scans over whole
 * messages that dominate rendering and validation. Each method returns the same index a plain loop would.
 */
public final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private ByteScan() {
    }

    /** The index of the first LF in {@code a[from, to)}, or {@code to}. */
    public static int indexOfLf(byte[] a, int from, int to) {
        int i = from;
        long lf = ONES * '\n';
        while (i + 8 <= to) {
            long w = (long) LONGS.get(a, i);
            if (hasZeroByte(w ^ lf)) {
                break;
            }
            i += 8;
        }
        while (i < to && a[i] != '\n') {
            i++;
        }
        return i;
    }

    /**
     * The index of the first octet in {@code a[from, to)} that is not printable ASCII other than '=' (so: a
     * control character including tab, CR or LF, '=', DEL, or an octet of 0x80 and above), or {@code to}.
     */
    public static int skipPrintableExceptEquals(byte[] a, int from, int to) {
        int i = from;
        while (i + 8 <= to) {
            long w = (long) LONGS.get(a, i);
            long stops = stopsOfPrintableExceptEquals(w);
            if (stops != 0) {
                return i + (Long.numberOfTrailingZeros(stops) >>> 3);
            }
            i += 8;
        }
        while (i < to) {
            int b = a[i] & 0xFF;
            if (b < 0x20 || b >= 0x7F || b == '=') {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * 0x80 in the lowest byte of {@code w} that is below 0x20, 0x7F or above, or '=' (and possibly in bytes above
     * it), 0 when there is none: one expression, one branch per eight octets instead of four tests. A byte of 0x80
     * or above is flagged by its own high bit; 0x7F becomes 0x80 when 1 is added (no byte below it carries, as a
     * carry needs 0xFF, itself flagged); with every byte below 0x80, subtracting 0x20 sets a high bit only in a
     * byte below 0x20 or above one (a borrow runs upward only from such a byte), and so does subtracting 1 from
     * {@code w ^ '='} for a byte that is '='. So the lowest flagged byte is exactly the first stop.
     */
    private static long stopsOfPrintableExceptEquals(long w) {
        return (w | (w + ONES) | (w - ONES * 0x20) | ((w ^ (ONES * '=')) - ONES)) & HIGHS;
    }

    /** The index of the first CR or LF in {@code a[from, to)}, or {@code to}. */
    public static int indexOfCrOrLf(byte[] a, int from, int to) {
        int i = from;
        long cr = ONES * '\r';
        long lf = ONES * '\n';
        while (i + 8 <= to) {
            long w = (long) LONGS.get(a, i);
            // one cheap test first: no octet below 0x0E means neither CR (0x0D) nor LF (0x0A); a tab or other
            // control octet then costs the exact test
            if (hasLess(w, 0x0E) && (hasZeroByte(w ^ cr) || hasZeroByte(w ^ lf))) {
                break;
            }
            i += 8;
        }
        while (i < to && a[i] != '\r' && a[i] != '\n') {
            i++;
        }
        return i;
    }

    /**
     * The first index {@code j} in {@code a[from, to)} where dot-stuffing (RFC 5321 section 4.5.2) has something to
     * do, reading {@code a[from - 1]} as the octet before {@code from} (so {@code from >= 1}): a CR not followed by
     * LF (a CR at {@code to - 1} counts: what follows is not known), an LF not preceded by CR, or a '.' preceded by
     * LF; {@code to} when there is none. Good CRLF line breaks are passed over eight octets at a time, so a
     * rendered message costs a stop per '.' starting a line, not one per line. May also stop early at an octet
     * that needs nothing (callers recheck the octet), never late.
     */
    public static int indexOfStuffingFix(byte[] a, int from, int to) {
        int j = from;
        long cr = ONES * '\r';
        long lf = ONES * '\n';
        long dot = ONES * '.';
        while (j + 9 <= to) {
            long w = (long) LONGS.get(a, j);
            long prev = (long) LONGS.get(a, j - 1);
            long next = (long) LONGS.get(a, j + 1);
            long hit = (zeros(w ^ cr) & ~zeros(next ^ lf)) | (zeros(w ^ lf) & ~zeros(prev ^ cr)) | (zeros(w ^ dot) & zeros(prev ^ lf));
            if (hit != 0) {
                return j + (Long.numberOfTrailingZeros(hit) >>> 3);
            }
            j += 8;
        }
        for (; j < to; j++) {
            byte c = a[j];
            if (c == '\r' ? j + 1 == to || a[j + 1] != '\n' : c == '\n' ? a[j - 1] != '\r' : c == '.' && a[j - 1] == '\n') {
                return j;
            }
        }
        return to;
    }

    /** 0x80 in each byte of {@code x} that is zero, nothing elsewhere (exact: no borrow crosses bytes). */
    private static long zeros(long x) {
        long low = 0x7F7F7F7F7F7F7F7FL;
        return ~(((x & low) + low) | x | low);
    }

    /** Whether any octet of {@code a[from, to)} is 0x80 or above. */
    public static boolean anyEightBit(byte[] a, int from, int to) {
        long bits = 0;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            bits |= (long) LONGS.get(a, i);
        }
        int tail = 0;
        for (; i < to; i++) {
            tail |= a[i];
        }
        return (bits & HIGHS) != 0 || tail < 0;
    }

    /** Whether any byte of {@code w} is zero (the classic bit trick; exact, no false positives). */
    private static boolean hasZeroByte(long w) {
        return ((w - ONES) & ~w & HIGHS) != 0;
    }

    /**
     * Whether any byte of {@code w} is less than {@code n} (n ≤ 128). Exact for bytes below 0x80; a byte of 0x80 or
     * above is never reported (its high bit masks it), and a borrow only reaches a higher byte after a lower one
     * already matched, so the answer for the word is exact too.
     */
    private static boolean hasLess(long w, int n) {
        return ((w - ONES * n) & ~w & HIGHS) != 0;
    }
}
