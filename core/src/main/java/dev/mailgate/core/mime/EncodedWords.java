package dev.mailgate.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * RFC 2047 encoded-words for header text that is not plain ASCII. A word is at most 75 characters (section 2),
 * never splits a UTF-8 sequence (section 5, rule 3), and uses "Q" or "B" encoding, whichever is shorter. The Q
 * alphabet is the restricted one allowed inside a phrase (section 5, rule 3), so the same words serve display
 * names and unstructured fields.
 */
final class EncodedWords {
    private static final int MAX_WORD = 75;
    private static final String Q_PREFIX = "=?UTF-8?Q?";
    private static final String B_PREFIX = "=?UTF-8?B?";
    private static final int PAYLOAD = MAX_WORD - Q_PREFIX.length() - 2;
    /** 45 raw bytes give 60 base64 characters, the largest multiple of 4 within the 63-character payload. */
    private static final int B_CHUNK = 45;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private EncodedWords() {
    }

    /** Whether the text must be encoded: non-ASCII (unless raw UTF-8 is allowed), or text that looks like an encoded-word. */
    static boolean needed(String text, boolean utf8Allowed) {
        if (text.contains("=?")) {
            return true;
        }
        if (!utf8Allowed) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) >= 0x80) {
                    return true;
                }
            }
        }
        return false;
    }

    static List<String> encode(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int qLength = 0;
        for (byte b : utf8) {
            qLength += qSafe(b) ? 1 : 3;
        }
        int bLength = (utf8.length + 2) / 3 * 4;
        return qLength <= bLength ? encodeQ(utf8) : encodeB(text);
    }

    private static List<String> encodeQ(byte[] utf8) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder(MAX_WORD).append(Q_PREFIX);
        int payload = 0;
        for (int i = 0; i < utf8.length; ) {
            int next = i + sequenceLength(utf8[i]);
            int cost = 0;
            for (int j = i; j < next; j++) {
                cost += qSafe(utf8[j]) ? 1 : 3;
            }
            if (payload + cost > PAYLOAD) {
                words.add(word.append("?=").toString());
                word.setLength(0);
                word.append(Q_PREFIX);
                payload = 0;
            }
            for (int j = i; j < next; j++) {
                byte b = utf8[j];
                if (b == ' ') {
                    word.append('_');
                } else if (qSafe(b)) {
                    word.append((char) b);
                } else {
                    word.append('=').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
            payload += cost;
            i = next;
        }
        words.add(word.append("?=").toString());
        return words;
    }

    /** The length of the UTF-8 sequence this lead octet starts (the input is well-formed UTF-8 from a String). */
    private static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        return b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    }

    private static List<String> encodeB(String text) {
        List<String> words = new ArrayList<>();
        Base64.Encoder encoder = Base64.getEncoder();
        int start = 0;
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int cpBytes = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + cpBytes > B_CHUNK) {
                words.add(B_PREFIX + encoder.encodeToString(text.substring(start, i).getBytes(StandardCharsets.UTF_8)) + "?=");
                start = i;
                bytes = 0;
            }
            bytes += cpBytes;
            i += Character.charCount(cp);
        }
        words.add(B_PREFIX + encoder.encodeToString(text.substring(start).getBytes(StandardCharsets.UTF_8)) + "?=");
        return words;
    }

    /**
     * Characters a Q-encoded word may carry literally inside a phrase (RFC 2047 section 5, rule 3), and space: a
     * table, as the chain of comparisons was a third of writing a Subject.
     */
    private static final boolean[] Q_SAFE = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) {
            Q_SAFE[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '!' || c == '*' || c == '+' || c == '-' || c == '/' || c == ' ';
        }
    }

    private static boolean qSafe(byte b) {
        return Q_SAFE[b & 0xFF];
    }
}
