package dev.mailgate.core.mime;

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
     * Chooses the encoding of a canonical (CRLF) UTF-8 text body: sent as is when every line is short and the
     * bytes are allowed (7bit; 8bit only with 8BITMIME), else quoted-printable for mostly-ASCII text and base64
     * when more than a sixth of the bytes would need escaping (quoted-printable triples them). Identity encodings
     * are also refused when the text contains "=_", which starts every boundary we generate: then no line of the
     * body can ever look like a delimiter.
     */
    static TransferEncoding choose(byte[] text, boolean eightBitAllowed) {
        int escaped = 0;
        boolean nonAscii = false;
        boolean control = false;
        boolean boundaryLike = false;
        int line = 0;
        int maxLine = 0;
        for (int i = 0; i < text.length; i++) {
            int b = text[i] & 0xFF;
            if (b == '\r' && i + 1 < text.length && text[i + 1] == '\n') {
                maxLine = Math.max(maxLine, line);
                line = 0;
                i++;
                continue;
            }
            line++;
            if (b >= 0x80) {
                nonAscii = true;
                escaped++;
            } else if ((b < 0x20 && b != '\t') || b == 0x7F) {
                control = true;
                escaped++;
            } else if (b == '=') {
                escaped++;
                boundaryLike |= i + 1 < text.length && text[i + 1] == '_';
            }
        }
        maxLine = Math.max(maxLine, line);
        boolean identityPossible = !control && !boundaryLike && maxLine <= MAX_LINE;
        if (identityPossible && !nonAscii) {
            return SEVEN_BIT;
        }
        if (identityPossible && eightBitAllowed) {
            return EIGHT_BIT;
        }
        return escaped * 6 < text.length ? QUOTED_PRINTABLE : BASE64;
    }

    void write(byte[] data, MimeOutput out) throws IOException {
        switch (this) {
            case SEVEN_BIT, EIGHT_BIT -> out.write(data);
            case QUOTED_PRINTABLE -> writeQuotedPrintable(data, out);
            case BASE64 -> writeBase64(new java.io.ByteArrayInputStream(data), out);
        }
    }

    /** RFC 2045 section 6.7, with CRLF in the canonical text kept as hard line breaks. */
    static void writeQuotedPrintable(byte[] data, MimeOutput out) throws IOException {
        int lineLength = 0;
        int n = data.length;
        for (int i = 0; i < n; i++) {
            int b = data[i] & 0xFF;
            if (b == '\r' && i + 1 < n && data[i + 1] == '\n') {
                out.crlf();
                lineLength = 0;
                i++;
                continue;
            }
            boolean encode;
            if (b == ' ' || b == '\t') {
                // Rule 3: white space at the end of an encoded line must be encoded, or transport may strip it.
                encode = i + 1 == n || data[i + 1] == '\r';
            } else {
                encode = b < 33 || b > 126 || b == '=';
            }
            int width = encode ? 3 : 1;
            if (lineLength + width > QP_LINE - 1) {
                out.write('=');
                out.crlf();
                lineLength = 0;
            }
            if (encode) {
                out.write('=');
                out.write(HEX[b >> 4]);
                out.write(HEX[b & 0xF]);
            } else {
                out.write(b);
            }
            lineLength += width;
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
