package dev.mailgate.bounce.internal.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Undoes Content-Transfer-Encoding (RFC 2045 section 6) and decodes charsets, leniently. */
public final class BodyDecoder {
    private BodyDecoder() {
    }

    /** Whether a Content-Transfer-Encoding leaves the octets as they are (7bit, 8bit, binary, none, unknown). */
    static boolean isIdentity(String encoding) {
        String enc = encoding.strip().toLowerCase(Locale.ROOT);
        return !enc.equals("base64") && !enc.equals("quoted-printable");
    }

    /** The body with its transfer encoding undone, still one char per octet. */
    public static String transferDecoded(String raw, String encoding) {
        String enc = encoding.strip().toLowerCase(Locale.ROOT);
        if (enc.equals("base64")) {
            return new String(base64(raw), StandardCharsets.ISO_8859_1);
        }
        if (enc.equals("quoted-printable")) {
            return new String(quotedPrintable(raw), StandardCharsets.ISO_8859_1);
        }
        return raw;
    }

    public static String text(String raw, String encoding, String charset) {
        String enc = encoding.strip().toLowerCase(Locale.ROOT);
        // isIdentity's test on the one lower-cased copy
        if (!enc.equals("base64") && !enc.equals("quoted-printable") && isPlainAscii(raw)) {
            // what decode would make of the octets, char for char: the body itself, without its two copies
            return raw;
        }
        byte[] octets = enc.equals("base64") ? base64(raw) : enc.equals("quoted-printable") ? quotedPrintable(raw)
                : raw.getBytes(StandardCharsets.ISO_8859_1);
        return decode(octets, charset);
    }

    /**
     * Bytes to text in the named charset. No charset or an unknown one: UTF-8 if the bytes are valid UTF-8 (most
     * unlabelled 8-bit mail today), else ISO-8859-1, which cannot fail.
     */
    public static String decode(byte[] bytes, String charset) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0 || b == 0x1b) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
        String name = charset.strip();
        if (!name.isEmpty()) {
            try {
                Charset cs = Charset.forName(name);
                return new String(bytes, cs);
            } catch (RuntimeException unknown) {
                // fall through to detection
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            if (containsEscape(bytes)) {
                return new String(bytes, Charset.forName("ISO-2022-JP"));
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** No octet that {@link #decode} would read as anything but ASCII: none above 0x7F, no ESC (ISO-2022-JP). */
    private static boolean isPlainAscii(String raw) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= 0x80 || c == 0x1b) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsEscape(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0x1b) {
                return true;
            }
        }
        return false;
    }

    /** RFC 2045 6.8, skipping anything outside the alphabet as the RFC says decoders must. */
    public static byte[] base64(String raw) {
        byte[] out = new byte[raw.length() * 3 / 4 + 3];
        int size = 0;
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < raw.length(); i++) {
            int v = value(raw.charAt(i));
            if (raw.charAt(i) == '=') {
                break;
            }
            if (v < 0) {
                continue;
            }
            buffer = (buffer << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[size++] = (byte) (buffer >> bits);
            }
        }
        return java.util.Arrays.copyOf(out, size);
    }

    private static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+') {
            return 62;
        }
        if (c == '/') {
            return 63;
        }
        return -1;
    }

    /**
     * RFC 2045 6.7; a malformed {@code =} sequence is kept literally (rule 6.7 note 1). The text between escapes is
     * found with the JDK's search and copied as a run: a store per character was most of the cost of the corpus'
     * large quoted-printable HTML parts.
     */
    @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) is exactly "the low eight bits of each char"
    static byte[] quotedPrintable(String raw) {
        int len = raw.length();
        byte[] out = new byte[len];
        int size = 0;
        int i = 0;
        while (i < len) {
            int eq = raw.indexOf('=', i);
            int stop = eq < 0 ? len : eq;
            raw.getBytes(i, stop, out, size);
            size += stop - i;
            if (eq < 0) {
                break;
            }
            i = eq;
            if (i + 1 < len && raw.charAt(i + 1) == '\n') {
                i += 2;
                continue;
            }
            if (i + 2 < len && hex(raw.charAt(i + 1)) >= 0 && hex(raw.charAt(i + 2)) >= 0) {
                out[size++] = (byte) (hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 3;
                continue;
            }
            // soft line break with trailing white space before the line end
            int j = i + 1;
            while (j < len && (raw.charAt(j) == ' ' || raw.charAt(j) == '\t')) {
                j++;
            }
            if (j < len && raw.charAt(j) == '\n') {
                i = j + 1;
                continue;
            }
            out[size++] = '=';
            i++;
        }
        return java.util.Arrays.copyOf(out, size);
    }

    static int hex(char c) {
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
