package dev.mailgate.smtp.internal;

import dev.mailgate.core.internal.ByteScan;
import java.nio.ByteBuffer;

/**
 * Prepares message content for DATA (RFC 5321 section 4.5.2): every line break becomes CRLF (a bare CR or LF
 * never reaches the wire, which closes SMTP smuggling), a line starting with '.' gets a second '.', and the
 * content ends with CRLF "." CRLF, all in one array so content and terminator go out in one write. Lines are
 * copied in bulk between line breaks, and the same pass notes whether any octet is 8-bit (it needs 8BITMIME).
 *
 * <p>The separate pass over a whole message that the connection made before issue 25. It now stuffs as it writes
 * ({@link DotStuffingOutput}), so this lives with the tests: the independent reference {@code DotStuffingOutputTest}
 * checks the stream against, itself checked octet by octet ({@code DotStuffingTest}, {@code
 * DotStuffingDifferentialTest}).
 *
 * @param data the bytes for the wire
 * @param eightBit whether any octet is above 127
 */
record DotStuffing(byte[] data, boolean eightBit) {

    static DotStuffing encode(ByteBuffer content) {
        int n = content.remaining();
        boolean endsWithCrlf = n >= 2 && content.get(content.position() + n - 2) == '\r' && content.get(content.position() + n - 1) == '\n';
        int tail = endsWithCrlf || n == 0 ? 3 : 5;
        // Room for the terminator up front: content that needs no change (the usual case for rendered messages)
        // is then sent from this one copy.
        byte[] src = new byte[n + tail];
        content.duplicate().get(src, 0, n);
        boolean eightBit = ByteScan.anyEightBit(src, 0, n);
        // A first pass counts what the changes add (a line break that is not CRLF becomes one, a '.' starting a line
        // gets another), so that the output is allocated once at its exact size: growing it and trimming it at the
        // end made three copies of a quoted-printable body with a soft break before a '.' (issue 25: 17 KB
        // allocated for a 5.6 KB message). The scans are eight octets at a time and cost far less than a copy.
        int extra = n > 0 && src[0] == '.' ? 1 : 0;
        int i = 0;
        while (true) {
            int j = ByteScan.indexOfCrOrLf(src, i, n);
            if (j == n) {
                break;
            }
            boolean crlf = src[j] == '\r' && j + 1 < n && src[j + 1] == '\n';
            int next = crlf ? j + 2 : j + 1;
            if (!crlf) {
                extra++;
            }
            if (next < n && src[next] == '.') {
                extra++;
            }
            i = next;
        }
        if (extra == 0) {
            int p = n;
            if (tail == 5) {
                src[p++] = '\r';
                src[p++] = '\n';
            }
            src[p++] = '.';
            src[p++] = '\r';
            src[p] = '\n';
            return new DotStuffing(src, eightBit);
        }
        // a last line without a line break gets one before the terminator
        boolean lastLineOpen = src[n - 1] != '\n' && src[n - 1] != '\r';
        byte[] out = new byte[n + extra + (lastLineOpen ? 2 : 0) + 3];
        // The runs of good lines between the places that need a change are copied in bulk.
        int p = 0;
        int runStart = 0;
        if (src[0] == '.') {
            out[p++] = '.';
        }
        i = 0;
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
        int run = n - runStart;
        System.arraycopy(src, runStart, out, p, run);
        p += run;
        if (lastLineOpen) {
            out[p++] = '\r';
            out[p++] = '\n';
        }
        out[p++] = '.';
        out[p++] = '\r';
        out[p] = '\n';
        return new DotStuffing(out, eightBit);
    }
}
