package dev.mailgate.core.mime;

import dev.mailgate.core.internal.ByteScan;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A text body in canonical form (RFC 2046 section 4.1.1: UTF-8, every line break CRLF), with the statistics that
 * choose its transfer encoding. The UTF-8 bytes come from {@code String.getBytes}, which the JDK makes a plain
 * copy for ASCII text; one scan then gathers the statistics, with a tight loop over ordinary octets, and
 * repairs bare line breaks by copying whole lines.
 */
final class TextBody {
    private static final byte PLAIN = 0;
    private static final byte EQUALS = 1;
    private static final byte CONTROL = 2;
    private static final byte HIGH = 3;
    private static final byte CR = 4;
    private static final byte LF = 5;
    private static final byte[] CLASS = new byte[256];

    static {
        for (int b = 0; b < 256; b++) {
            CLASS[b] = b >= 0x80 ? HIGH : (b < 0x20 && b != '\t') || b == 0x7F ? CONTROL : PLAIN;
        }
        CLASS['='] = EQUALS;
        CLASS['\r'] = CR;
        CLASS['\n'] = LF;
    }

    final byte[] bytes;
    final int length;
    /** Octets quoted-printable would escape (non-ASCII, controls, '='). */
    final int escaped;
    final boolean nonAscii;
    final boolean control;
    /** Whether "=_" occurs, the start of every boundary we generate. */
    final boolean boundaryLike;
    /** The longest line in octets, without its CRLF. */
    final int maxLine;

    private TextBody(byte[] bytes, int length, int escaped, boolean nonAscii, boolean control, boolean boundaryLike, int maxLine) {
        this.bytes = bytes;
        this.length = length;
        this.escaped = escaped;
        this.nonAscii = nonAscii;
        this.control = control;
        this.boundaryLike = boundaryLike;
        this.maxLine = maxLine;
    }

    static TextBody of(String s) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        int n = in.length;
        byte[] out = null;
        int p = 0;
        int copiedUpTo = 0;
        int escaped = 0;
        boolean nonAscii = false;
        boolean control = false;
        boolean boundaryLike = false;
        int maxLine = 0;
        int lineStart = 0;
        int i = 0;
        while (i < n) {
            i = ByteScan.skipPrintableExceptEquals(in, i, n);
            if (i == n) {
                break;
            }
            byte cls = CLASS[in[i] & 0xFF];
            switch (cls) {
                case PLAIN -> i++; // a tab: plain, but it stops the eight-octet scan
                case EQUALS -> {
                    escaped++;
                    boundaryLike |= i + 1 < n && in[i + 1] == '_';
                    i++;
                }
                case CONTROL -> {
                    escaped++;
                    control = true;
                    i++;
                }
                case HIGH -> {
                    escaped++;
                    nonAscii = true;
                    i++;
                }
                default -> {
                    maxLine = Math.max(maxLine, i - lineStart);
                    boolean crlf = cls == CR && i + 1 < n && in[i + 1] == '\n';
                    if (!crlf) {
                        // A bare CR or LF: copy what came before, then a real CRLF.
                        if (out == null) {
                            out = new byte[n + (n >> 4) + 16];
                        }
                        out = ensure(out, p, i - copiedUpTo + 2 + (n - i));
                        System.arraycopy(in, copiedUpTo, out, p, i - copiedUpTo);
                        p += i - copiedUpTo;
                        out[p++] = '\r';
                        out[p++] = '\n';
                        copiedUpTo = i + 1;
                    }
                    i += crlf ? 2 : 1;
                    lineStart = i;
                }
            }
        }
        maxLine = Math.max(maxLine, n - lineStart);
        if (out == null) {
            return new TextBody(in, n, escaped, nonAscii, control, boundaryLike, maxLine);
        }
        out = ensure(out, p, n - copiedUpTo);
        System.arraycopy(in, copiedUpTo, out, p, n - copiedUpTo);
        p += n - copiedUpTo;
        return new TextBody(out, p, escaped, nonAscii, control, boundaryLike, maxLine);
    }

    private static byte[] ensure(byte[] out, int used, int more) {
        return out.length - used >= more ? out : Arrays.copyOf(out, Math.max(out.length * 2, used + more + 16));
    }
}
