package dev.mailgate.core.mime;

/**
 * A text body in canonical form (RFC 2046 section 4.1.1: UTF-8, every line break CRLF), with the statistics that
 * choose its transfer encoding, computed in the same single pass over the characters. This one pass replaces
 * normalize + {@code getBytes} + scan, which cost three passes and two copies per body.
 */
final class TextBody {
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
        int n = s.length();
        // Copying to a char[] once (an intrinsic) makes the loop below several times faster than charAt on a
        // UTF-16 string, which re-checks the string's coder and bounds for every character.
        char[] chars = new char[n];
        s.getChars(0, n, chars, 0);
        // Sized for mostly-ASCII text and grown when needed; sizing for the worst case (3 octets per char) made
        // this the largest allocation of a render.
        byte[] out = new byte[n + (n >> 3) + 16];
        int p = 0;
        int escaped = 0;
        boolean nonAscii = false;
        boolean control = false;
        boolean boundaryLike = false;
        int lineStart = 0;
        int maxLine = 0;
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            // A tight loop over the common case (printable ASCII other than '='), which the JIT compiles well.
            if (out.length - p < 4 + (n - i)) {
                out = grow(out, p, n - i);
            }
            while (c >= 0x20 && c < 0x7F && c != '=') {
                out[p++] = (byte) c;
                if (++i == n) {
                    break;
                }
                c = chars[i];
            }
            if (i == n) {
                break;
            }
            if (c < 0x80) {
                if (c == '\r' || c == '\n') {
                    maxLine = Math.max(maxLine, p - lineStart);
                    out[p++] = '\r';
                    out[p++] = '\n';
                    lineStart = p;
                    if (c == '\r' && i + 1 < n && chars[i + 1] == '\n') {
                        i++;
                    }
                    continue;
                }
                if ((c < 0x20 && c != '\t') || c == 0x7F) {
                    control = true;
                    escaped++;
                } else if (c == '=') {
                    escaped++;
                    boundaryLike |= i + 1 < n && chars[i + 1] == '_';
                }
                out[p++] = (byte) c;
            } else {
                nonAscii = true;
                if (c < 0x800) {
                    out[p++] = (byte) (0xC0 | (c >> 6));
                    out[p++] = (byte) (0x80 | (c & 0x3F));
                    escaped += 2;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(chars[i + 1])) {
                    int cp = Character.toCodePoint(c, chars[++i]);
                    out[p++] = (byte) (0xF0 | (cp >> 18));
                    out[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    out[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    out[p++] = (byte) (0x80 | (cp & 0x3F));
                    escaped += 4;
                } else if (Character.isSurrogate(c)) {
                    // An unpaired surrogate cannot be encoded; String.getBytes writes '?' too.
                    out[p++] = '?';
                } else {
                    out[p++] = (byte) (0xE0 | (c >> 12));
                    out[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    out[p++] = (byte) (0x80 | (c & 0x3F));
                    escaped += 3;
                }
            }
        }
        maxLine = Math.max(maxLine, p - lineStart);
        return new TextBody(out, p, escaped, nonAscii, control, boundaryLike, maxLine);
    }

    /** Room for the rest of the input at up to 3 octets per char (plus a 4-octet pair), doubling at least. */
    private static byte[] grow(byte[] out, int used, int charsLeft) {
        int needed = used + charsLeft * 3 + 4;
        return java.util.Arrays.copyOf(out, Math.max(needed, out.length * 2));
    }
}
