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
        boolean eightBit = ByteScan.anyEightBit(src, 0, n);
        // One pass finds the places that need a change (a line break that is not CRLF, a '.' starting a line); the
        // runs of good lines between them are copied in bulk, and content with none (the usual case for rendered
        // messages) is sent from the copy above. A quoted-printable body with a soft break before a '.' has one
        // such place every few hundred lines.
        byte[] out = null;
        int p = 0;
        int runStart = 0;
        if (n > 0 && src[0] == '.') {
            out = new byte[n + (n >> 6) + 16];
            out[p++] = '.';
        }
        int i = 0;
        while (true) {
            int j = ByteScan.indexOfCrOrLf(src, i, n);
            if (j == n) {
                break;
            }
            boolean crlf = src[j] == '\r' && j + 1 < n && src[j + 1] == '\n';
            int next = crlf ? j + 2 : j + 1;
            boolean dot = next < n && src[next] == '.';
            if (crlf && !dot) {
                i = next;
                continue;
            }
            int run = j - runStart;
            if (out == null) {
                out = new byte[n + (n >> 6) + 16];
            } else if (out.length - p < run + 3 + 5) {
                out = Arrays.copyOf(out, Math.max(out.length + (out.length >> 1), p + run + 3 + 5 + (n - j)));
            }
            System.arraycopy(src, runStart, out, p, run);
            p += run;
            out[p++] = '\r';
            out[p++] = '\n';
            if (dot) {
                out[p++] = '.';
            }
            runStart = next;
            i = next;
        }
        if (out == null) {
            p = n;
            if (tail == 5) {
                src[p++] = '\r';
                src[p++] = '\n';
            }
            src[p++] = '.';
            src[p++] = '\r';
            src[p] = '\n';
            return new DotStuffing(src, eightBit);
        }
        int run = n - runStart;
        if (out.length - p < run + 5) {
            out = Arrays.copyOf(out, p + run + 5);
        }
        System.arraycopy(src, runStart, out, p, run);
        p += run;
        // a last line without a line break gets one before the terminator (empty content gets none)
        if (n > 0 && src[n - 1] != '\n' && src[n - 1] != '\r') {
            out[p++] = '\r';
            out[p++] = '\n';
        }
        out[p++] = '.';
        out[p++] = '\r';
        out[p++] = '\n';
        return new DotStuffing(p == out.length ? out : Arrays.copyOf(out, p), eightBit);
    }
}
