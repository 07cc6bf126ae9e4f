package dev.mailgate.bounce.internal.mime;


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

    /** RFC 2047 4.2: "_" is a space, "=XX" an octet. */
    private static byte[] q(String text) {
        byte[] out = new byte[text.length()];
        int size = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out[size++] = ' ';
            } else if (c == '=' && i + 2 < text.length() && BodyDecoder.hex(text.charAt(i + 1)) >= 0 && BodyDecoder.hex(text.charAt(i + 2)) >= 0) {
                out[size++] = (byte) (BodyDecoder.hex(text.charAt(i + 1)) * 16 + BodyDecoder.hex(text.charAt(i + 2)));
                i += 2;
            } else {
                out[size++] = (byte) c;
            }
        }
        return java.util.Arrays.copyOf(out, size);
    }
}
