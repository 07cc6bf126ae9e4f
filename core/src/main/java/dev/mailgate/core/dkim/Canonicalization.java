package dev.mailgate.core.dkim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The two canonicalization algorithms of RFC 6376 section 3.4, for header fields and for the body. "relaxed"
 * survives the rewrapping and whitespace changes that relays make; "simple" survives nothing.
 */
public enum Canonicalization {
    SIMPLE, RELAXED;

    /** The name used in the {@code c=} tag. */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Canonicalizes one header field (name, colon, value with its folding, no final CRLF) and appends it with a
     * CRLF unless {@code last} (the DKIM-Signature field itself is hashed without one, section 3.7).
     */
    void header(String field, ByteArrayOutputStream out, boolean last) {
        if (this == SIMPLE) {
            out.writeBytes(field.getBytes(StandardCharsets.ISO_8859_1));
        } else {
            // Section 3.4.2: lower-case name, unfold, collapse WSP runs, no WSP around the colon or at the ends.
            int colon = field.indexOf(':');
            String name = field.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT);
            StringBuilder value = new StringBuilder(field.length());
            boolean space = false;
            for (int i = colon + 1; i < field.length(); i++) {
                char c = field.charAt(i);
                if (c == '\r' || c == '\n') {
                    continue;
                }
                if (c == ' ' || c == '\t') {
                    space = true;
                } else {
                    if (space && value.length() > 0) {
                        value.append(' ');
                    }
                    space = false;
                    value.append(c);
                }
            }
            out.writeBytes((name + ":" + value).getBytes(StandardCharsets.ISO_8859_1));
        }
        if (!last) {
            out.write('\r');
            out.write('\n');
        }
    }

    /**
     * Feeds the canonical body (section 3.4.3 / 3.4.4) into {@code digest}, at most {@code limit} octets of it, and
     * returns its full canonical length. Input lines end in CRLF; a missing final CRLF is added.
     */
    long body(byte[] m, int start, int end, MessageDigest digest, long limit) {
        BodySink sink = new BodySink(digest, limit);
        int pendingEmpty = 0;
        byte[] line = new byte[256];
        int i = start;
        while (i < end) {
            int eol = lineEnd(m, i, end);
            int len;
            if (this == SIMPLE) {
                len = eol - i;
                if (line.length < len) {
                    line = new byte[Math.max(len, line.length * 2)];
                }
                System.arraycopy(m, i, line, 0, len);
            } else {
                len = 0;
                boolean space = false;
                if (line.length < eol - i) {
                    line = new byte[Math.max(eol - i, line.length * 2)];
                }
                for (int k = i; k < eol; k++) {
                    byte b = m[k];
                    if (b == ' ' || b == '\t') {
                        space = true;
                    } else {
                        if (space) {
                            line[len++] = ' ';
                        }
                        space = false;
                        line[len++] = b;
                    }
                }
                // trailing WSP is dropped: a pending space is simply not written
            }
            if (len == 0) {
                pendingEmpty++;
            } else {
                for (; pendingEmpty > 0; pendingEmpty--) {
                    sink.crlf();
                }
                sink.write(line, len);
                sink.crlf();
            }
            i = eol + 2 <= end && m[eol] == '\r' ? eol + 2 : end;
        }
        // Trailing empty lines are ignored; simple turns an empty body into one CRLF, relaxed leaves it empty.
        if (this == SIMPLE && sink.length == 0) {
            sink.crlf();
        }
        return sink.length;
    }

    /** The index of the CR of the next CRLF, or {@code end}. */
    private static int lineEnd(byte[] m, int from, int end) {
        for (int k = from; k < end - 1; k++) {
            if (m[k] == '\r' && m[k + 1] == '\n') {
                return k;
            }
        }
        return end;
    }

    /** Counts the canonical body and hashes its first {@code limit} octets. */
    private static final class BodySink {
        private static final byte[] CRLF = {'\r', '\n'};
        private final MessageDigest digest;
        private final long limit;
        long length;

        BodySink(MessageDigest digest, long limit) {
            this.digest = digest;
            this.limit = limit;
        }

        void write(byte[] b, int len) {
            long room = limit - length;
            if (room > 0) {
                digest.update(b, 0, (int) Math.min(room, len));
            }
            length += len;
        }

        void crlf() {
            write(CRLF, 2);
        }
    }
}
