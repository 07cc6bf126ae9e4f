package dev.mailgate.core.mime;

import dev.mailgate.core.internal.ByteScan;

/**
 * A text body with the statistics that choose its transfer encoding. The wire form is canonical (RFC 2046 section
 * 4.1.1: UTF-8, every line break CRLF), but the bytes kept here are the string's UTF-8 as {@code String.getBytes}
 * makes them, encoded into the render's reused buffer ({@link Utf8Scratch}): a bare CR or LF is turned into CRLF by the encoder as it writes
 * ({@link TransferEncoding}), so that an application's "\n" text is not copied a second time just to add CRs.
 * One scan gathers the statistics, with a tight loop over ordinary octets.
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

    /** The UTF-8 octets (the first {@link #rawLength}), line breaks as the application wrote them. */
    final byte[] bytes;
    /** How many of {@link #bytes} there are. */
    final int rawLength;
    /** Whether every line break in {@link #bytes} already is CRLF. */
    final boolean canonical;
    /** The length of the canonical form (each bare CR or LF one octet longer). */
    final int length;
    /** Octets quoted-printable would escape (non-ASCII, controls, '='). */
    final int escaped;
    final boolean nonAscii;
    final boolean control;
    /** Whether "=_" occurs, the start of every boundary we generate. */
    final boolean boundaryLike;
    /** The longest line in octets, without its CRLF. */
    final int maxLine;

    private TextBody(byte[] bytes, int rawLength, int bareBreaks, int escaped, boolean nonAscii, boolean control, boolean boundaryLike,
            int maxLine) {
        this.bytes = bytes;
        this.rawLength = rawLength;
        this.canonical = bareBreaks == 0;
        this.length = rawLength + bareBreaks;
        this.escaped = escaped;
        this.nonAscii = nonAscii;
        this.control = control;
        this.boundaryLike = boundaryLike;
        this.maxLine = maxLine;
    }

    /** The body of {@code s} in a buffer of its own. */
    static TextBody of(String s) {
        return of(s, new Utf8Scratch());
    }

    /**
     * The body of {@code s}, its octets in {@code scratch}'s buffer: valid until the scratch encodes again, which
     * the renderer does only once this body is written.
     */
    static TextBody of(String s, Utf8Scratch scratch) {
        int n = scratch.encode(s);
        byte[] in = scratch.bytes();
        int bareBreaks = 0;
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
                    int width = breakWidth(in, i, n);
                    if (width == 1) {
                        bareBreaks++;
                    }
                    i += width;
                    lineStart = i;
                }
            }
        }
        maxLine = Math.max(maxLine, n - lineStart);
        return new TextBody(in, n, bareBreaks, escaped, nonAscii, control, boundaryLike, maxLine);
    }

    /**
     * At a CR or LF: how many octets the line break takes, 2 for CRLF, 1 for a bare CR or LF (which goes on the
     * wire as CRLF).
     */
    static int breakWidth(byte[] data, int i, int n) {
        return data[i] == '\r' && i + 1 < n && data[i + 1] == '\n' ? 2 : 1;
    }

    /**
     * The canonical form (every line break CRLF) in the first {@link #length} octets of an array, for the encoders
     * that need the octets whole: {@link #bytes} itself when it is canonical already.
     */
    byte[] canonicalBytes() {
        if (canonical) {
            return bytes;
        }
        byte[] out = new byte[length];
        int p = 0;
        int i = 0;
        while (i < rawLength) {
            int lineEnd = ByteScan.indexOfCrOrLf(bytes, i, rawLength);
            System.arraycopy(bytes, i, out, p, lineEnd - i);
            p += lineEnd - i;
            if (lineEnd == rawLength) {
                break;
            }
            out[p++] = '\r';
            out[p++] = '\n';
            i = lineEnd + breakWidth(bytes, lineEnd, rawLength);
        }
        return out;
    }
}
