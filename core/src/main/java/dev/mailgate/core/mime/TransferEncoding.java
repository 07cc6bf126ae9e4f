package dev.mailgate.core.mime;

import dev.mailgate.core.internal.ByteScan;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;

/** RFC 2045 section 6 content-transfer-encodings, and the choice between them for a text body. */
enum TransferEncoding {
    SEVEN_BIT("7bit"), EIGHT_BIT("8bit"), QUOTED_PRINTABLE("quoted-printable"), BASE64("base64");

    /** RFC 2045 section 2.8 / RFC 5322 section 2.1.1: at most 998 octets between CRLFs. */
    private static final int MAX_LINE = 998;
    /** RFC 2045 section 6.7 rule 5: encoded lines are at most 76 characters, the soft-break '=' included. */
    private static final int QP_LINE = 76;
    /** 57 input bytes make one 76-character base64 line (RFC 2045 section 6.8). */
    private static final int B64_LINE_INPUT = 57;
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    final String token;

    TransferEncoding(String token) {
        this.token = token;
    }

    /**
     * Chooses the encoding of a text body: sent as is when every line is short and the bytes are allowed (7bit;
     * 8bit only with 8BITMIME), else quoted-printable for mostly-ASCII text and base64 when more than a sixth of
     * the octets would need escaping (quoted-printable triples them). Identity encodings are also refused when the
     * text contains "=_", which starts every boundary we generate: then no line of the body can look like a
     * delimiter.
     */
    static TransferEncoding choose(TextBody text, boolean eightBitAllowed) {
        boolean identityPossible = !text.control && !text.boundaryLike && text.maxLine <= MAX_LINE;
        if (identityPossible && !text.nonAscii) {
            return SEVEN_BIT;
        }
        if (identityPossible && eightBitAllowed) {
            return EIGHT_BIT;
        }
        return text.escaped * 6 < text.length ? QUOTED_PRINTABLE : BASE64;
    }

    /**
     * Writes the body in this encoding. Every encoder but base64 turns a bare CR or LF into CRLF as it goes, so the
     * text's octets are read once; base64 encodes the canonical form (RFC 2045 section 6.8), made whole first.
     */
    void write(TextBody text, MimeOutput out) throws IOException {
        switch (this) {
            case SEVEN_BIT, EIGHT_BIT -> {
                if (text.canonical) {
                    out.write(text.bytes, 0, text.rawLength);
                } else {
                    writeWithCrlf(text.bytes, text.rawLength, out);
                }
            }
            case QUOTED_PRINTABLE -> {
                if (text.escaped == 0) {
                    writeSoftBreaksOnly(text.bytes, text.rawLength, out);
                } else {
                    writeQuotedPrintable(text.bytes, text.rawLength, out);
                }
            }
            case BASE64 -> {
                byte[] canonical = text.canonicalBytes();
                writeBase64(new java.io.ByteArrayInputStream(canonical, 0, text.length), out);
            }
        }
    }

    /** Identity encodings of text with bare line breaks: the lines copied in bulk, each break written as CRLF. */
    private static void writeWithCrlf(byte[] data, int n, MimeOutput out) throws IOException {
        int i = 0;
        while (i < n) {
            int lineEnd = ByteScan.indexOfCrOrLf(data, i, n);
            out.write(data, i, lineEnd - i);
            if (lineEnd == n) {
                return;
            }
            out.crlf();
            i = lineEnd + TextBody.breakWidth(data, lineEnd, n);
        }
    }

    /**
     * Quoted-printable of text with nothing to escape, chosen only because a line is too long: the output is the
     * input with a soft line break after every 75 octets of a line, copied in bulk, and a space or tab that ends
     * a line encoded (rule 3).
     */
    static void writeSoftBreaksOnly(byte[] data, int n, MimeOutput out) throws IOException {
        int i = 0;
        while (i < n) {
            // The first CR or LF is the end of the line (CRLF, or a bare one that goes out as CRLF).
            int lineEnd = ByteScan.indexOfCrOrLf(data, i, n);
            int length = lineEnd - i;
            boolean trailingSpace = length > 0 && (data[lineEnd - 1] == ' ' || data[lineEnd - 1] == '\t');
            int literalEnd = trailingSpace ? lineEnd - 1 : lineEnd;
            // Written straight into the sink's buffer, a reservation per run of full lines: 75 octets and a soft
            // break ("=" CRLF) each.
            while (literalEnd - i > QP_LINE - 1) {
                int lines = Math.min((literalEnd - i - 1) / (QP_LINE - 1), SOFT_LINES_PER_RESERVATION);
                out.reserve(lines * (QP_LINE + 2));
                byte[] enc = out.buffer();
                int p = out.position();
                for (int k = 0; k < lines; k++) {
                    System.arraycopy(data, i, enc, p, QP_LINE - 1);
                    p += QP_LINE - 1;
                    enc[p++] = '=';
                    enc[p++] = '\r';
                    enc[p++] = '\n';
                    i += QP_LINE - 1;
                }
                out.advanceTo(p);
            }
            // the rest of the line (< 76 octets), an encoded trailing space and the hard break
            out.reserve(2 * QP_LINE + 8);
            byte[] enc = out.buffer();
            int p = out.position();
            if (trailingSpace && literalEnd - i + 3 > QP_LINE - 1) {
                System.arraycopy(data, i, enc, p, literalEnd - i);
                p += literalEnd - i;
                enc[p++] = '=';
                enc[p++] = '\r';
                enc[p++] = '\n';
                i = literalEnd;
            }
            System.arraycopy(data, i, enc, p, literalEnd - i);
            p += literalEnd - i;
            if (trailingSpace) {
                int b = data[literalEnd];
                enc[p++] = '=';
                enc[p++] = HEX[b >> 4];
                enc[p++] = HEX[b & 0xF];
            }
            i = lineEnd;
            if (i < n) {
                enc[p++] = '\r';
                enc[p++] = '\n';
                i += TextBody.breakWidth(data, i, n);
            }
            out.advanceTo(p);
        }
    }

    /** Soft-broken lines written per reservation of the sink's buffer (about 1.2 KB). */
    private static final int SOFT_LINES_PER_RESERVATION = 16;

    /** Input octets encoded per reservation of the sink's buffer. */
    private static final int QP_CHUNK = 1024;

    /**
     * RFC 2045 section 6.7, with every line break of the text (CRLF, or a bare CR or LF) written as a hard CRLF. Encodes straight into the
     * sink's buffer, a chunk of input at a time: a call per octet into the sink was the writer's hottest path.
     */
    static void writeQuotedPrintable(byte[] data, int n, MimeOutput out) throws IOException {
        int lineLength = 0;
        int i = 0;
        while (i < n) {
            int chunkEnd = Math.min(n, i + QP_CHUNK);
            // Each octet becomes at most 3, and a soft break (3 octets) follows at most every 25 input octets.
            out.reserve((chunkEnd - i) * 3 + ((chunkEnd - i) / 25 + 2) * 3);
            byte[] enc = out.buffer();
            int p = out.position();
            while (i < chunkEnd) {
                // The common case first: a run of printable octets that fits on the line, found by a tight scan
                // and copied in bulk.
                int runEnd = Math.min(chunkEnd, i + (QP_LINE - 1 - lineLength));
                int start = i;
                // printable ASCII but '=' (space included), eight octets per step; a tab, '=', a control or 8-bit
                // octet ends the run and goes to the slow path
                i = ByteScan.skipPrintableExceptEquals(data, i, runEnd);
                // rule 3: a space that ends a line must be encoded, which the slow path does
                if (i > start && data[i - 1] == ' ' && (i == n || data[i] == '\r' || data[i] == '\n')) {
                    i--;
                }
                if (i > start) {
                    System.arraycopy(data, start, enc, p, i - start);
                    p += i - start;
                    lineLength += i - start;
                    if (i == chunkEnd) {
                        break;
                    }
                }
                int b = data[i] & 0xFF;
                if (b == '\r' || b == '\n') {
                    enc[p++] = '\r';
                    enc[p++] = '\n';
                    lineLength = 0;
                    i += TextBody.breakWidth(data, i, n);
                    continue;
                }
                boolean encode;
                if (b == ' ' || b == '\t') {
                    // Rule 3: white space at the end of an encoded line must be encoded, or transport may strip it.
                    encode = i + 1 == n || data[i + 1] == '\r' || data[i + 1] == '\n';
                } else {
                    encode = b < 33 || b > 126 || b == '=';
                }
                int width = encode ? 3 : 1;
                if (lineLength + width > QP_LINE - 1) {
                    enc[p++] = '=';
                    enc[p++] = '\r';
                    enc[p++] = '\n';
                    lineLength = 0;
                }
                if (encode) {
                    enc[p++] = '=';
                    enc[p++] = HEX[b >> 4];
                    enc[p++] = HEX[b & 0xF];
                } else {
                    enc[p++] = (byte) b;
                }
                lineLength += width;
                i++;
            }
            out.advanceTo(p);
        }
    }

    /** Base64 in lines of 76 characters, each ending in CRLF (RFC 2045 section 6.8). */
    static void writeBase64(InputStream in, MimeOutput out) throws IOException {
        Base64.Encoder encoder = Base64.getEncoder();
        byte[] chunk = new byte[B64_LINE_INPUT * 64];
        byte[] encoded = new byte[chunk.length / 3 * 4];
        int read;
        while ((read = in.readNBytes(chunk, 0, chunk.length)) > 0) {
            int length = encoder.encode(read == chunk.length ? chunk : java.util.Arrays.copyOf(chunk, read), encoded);
            for (int off = 0; off < length; off += QP_LINE) {
                out.write(encoded, off, Math.min(QP_LINE, length - off));
                out.crlf();
            }
            if (read < chunk.length) {
                break;
            }
        }
    }
}
