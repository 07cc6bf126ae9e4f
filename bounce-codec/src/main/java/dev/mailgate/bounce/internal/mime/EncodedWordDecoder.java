package dev.mailgate.bounce.internal.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?B|Q?text?=}) in an unstructured header such as Subject.
 * White space between two adjacent encoded words is dropped (RFC 2047 section 6.2); a malformed word is kept as
 * written. Charsets go through {@link BodyDecoder#decode}, so an unknown one never fails.
 */
public final class EncodedWordDecoder {
    private EncodedWordDecoder() {
    }

    public static String decode(String value) {
        if (!value.contains("=?")) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        boolean lastWasEncoded = false;
        while (i < value.length()) {
            int start = value.indexOf("=?", i);
            if (start < 0) {
                out.append(value, i, value.length());
                break;
            }
            int q1 = value.indexOf('?', start + 2);
            int q2 = q1 < 0 ? -1 : value.indexOf('?', q1 + 1);
            int end = q2 < 0 ? -1 : value.indexOf("?=", q2 + 1);
            if (q1 < 0 || q2 != q1 + 2 || end < 0) {
                out.append(value, i, start + 2);
                i = start + 2;
                lastWasEncoded = false;
                continue;
            }
            String between = value.substring(i, start);
            if (!(lastWasEncoded && between.isBlank())) {
                out.append(between);
            }
            String charset = value.substring(start + 2, q1);
            int star = charset.indexOf('*'); // RFC 2231 language suffix
            if (star >= 0) {
                charset = charset.substring(0, star);
            }
            char encoding = Character.toUpperCase(value.charAt(q1 + 1));
            String text = value.substring(q2 + 1, end);
            byte[] bytes;
            if (encoding == 'B') {
                bytes = BodyDecoder.base64(text);
            } else if (encoding == 'Q') {
                bytes = q(text);
            } else {
                out.append(value, start, end + 2);
                i = end + 2;
                lastWasEncoded = false;
                continue;
            }
            out.append(BodyDecoder.decode(bytes, charset));
            i = end + 2;
            lastWasEncoded = true;
        }
        return out.toString();
    }

    private static byte[] q(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '_') {
                out.write(' ');
            } else if (b == '=' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                out.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
