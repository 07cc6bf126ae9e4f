package dev.mailgate.smtp.internal;

import dev.mailgate.core.internal.ByteScan;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Prepares message content for DATA (RFC 5321 section 4.5.2): every line break becomes CRLF (a bare CR or LF
 * never reaches the wire, which closes SMTP smuggling), a line starting with '.' gets a second '.', and the
 * content ends with CRLF "." CRLF, all in one array so content and terminator go out in one write. Lines are
 * copied in bulk between line breaks, and the same pass notes whether any octet is 8-bit (it needs 8BITMIME).
 *
 * @param data the bytes for the wire
 * @param eightBit whether any octet is above 127
 */
public record DotStuffing(byte[] data, boolean eightBit) {

    public static DotStuffing encode(ByteBuffer content) {
        int n = content.remaining();
        boolean endsWithCrlf = n >= 2 && content.get(content.position() + n - 2) == '\r' && content.get(content.position() + n - 1) == '\n';
        int tail = endsWithCrlf || n == 0 ? 3 : 5;
        // Room for the terminator up front: content that needs no change (the usual case for rendered messages)
        // is then sent from this one copy.
        byte[] src = new byte[n + tail];
        content.duplicate().get(src, 0, n);
        int clean = cleanScan(src, n);
        if (clean != DIRTY) {
            int p = n;
            if (tail == 5) {
                src[p++] = '\r';
                src[p++] = '\n';
            }
            src[p++] = '.';
            src[p++] = '\r';
            src[p] = '\n';
            return new DotStuffing(src, clean < 0);
        }
        byte[] out = new byte[n + (n >> 6) + 16];
        int p = 0;
        int i = 0;
        boolean lineStart = true;
        while (i < n) {
            int j = ByteScan.indexOfCrOrLf(src, i, n);
            int needed = (j - i) + 3;
            if (out.length - p < needed + 8) {
                out = Arrays.copyOf(out, Math.max(out.length + (out.length >> 1), p + needed + 8 + (n - j)));
            }
            if (j > i && src[i] == '.') {
                out[p++] = '.';
            }
            System.arraycopy(src, i, out, p, j - i);
            p += j - i;
            if (j == n) {
                lineStart = j == i;
                break;
            }
            out[p++] = '\r';
            out[p++] = '\n';
            j += src[j] == '\r' && j + 1 < n && src[j + 1] == '\n' ? 2 : 1;
            i = j;
            lineStart = true;
        }
        if (out.length - p < 5) {
            out = Arrays.copyOf(out, p + 5);
        }
        if (!lineStart) {
            out[p++] = '\r';
            out[p++] = '\n';
        }
        out[p++] = '.';
        out[p++] = '\r';
        out[p++] = '\n';
        return new DotStuffing(p == out.length ? out : Arrays.copyOf(out, p), ByteScan.anyEightBit(src, 0, n));
    }

    private static final int DIRTY = 1;

    /**
     * Checks that every line break is CRLF and no line starts with '.'. Returns -1 when an octet is 8-bit, 0 when
     * none is, or {@link #DIRTY} when the content needs stuffing or repair. The searches look at eight octets per
     * step, so a clean message (lines of ~76 octets) costs little more than the copy.
     */
    static int cleanScan(byte[] src, int n) {
        if (n > 0 && src[0] == '.') {
            return DIRTY;
        }
        int i = 0;
        while (true) {
            int j = ByteScan.indexOfCrOrLf(src, i, n);
            if (j == n) {
                break;
            }
            if (src[j] != '\r' || j + 1 >= n || src[j + 1] != '\n' || j + 2 < n && src[j + 2] == '.') {
                return DIRTY;
            }
            i = j + 2;
        }
        return ByteScan.anyEightBit(src, 0, n) ? -1 : 0;
    }
}
