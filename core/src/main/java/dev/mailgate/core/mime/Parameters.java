package dev.mailgate.core.mime;

import dev.mailgate.core.internal.Rfc5322;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Content-Type / Content-Disposition parameters (RFC 2045 section 5.1), with RFC 2231 for values that are not
 * ASCII or do not fit on one line: {@code filename*=UTF-8''%E2%82%AC.pdf}, split into {@code filename*0*=},
 * {@code filename*1*=}, ... continuations when long.
 */
final class Parameters {
    private static final int MAX_PLAIN = 70;
    private static final int SEGMENT = 60;
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Parameters() {
    }

    /** The parameter as one or more {@code name=value} tokens, each small enough for its own folded line. */
    static List<String> encode(String name, String value) {
        boolean ascii = value.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
        if (ascii) {
            String quoted = Rfc5322.quotedString(value);
            if (name.length() + 1 + quoted.length() <= MAX_PLAIN) {
                return List.of(name + "=" + quoted);
            }
            List<String> parts = new ArrayList<>();
            for (int i = 0, n = 0; i < value.length(); i += SEGMENT, n++) {
                parts.add(name + "*" + n + "=" + Rfc5322.quotedString(value.substring(i, Math.min(value.length(), i + SEGMENT))));
            }
            return parts;
        }
        List<String> segments = new ArrayList<>();
        StringBuilder seg = new StringBuilder();
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            int next = i + Character.charCount(cp);
            String encoded = percentEncode(value.substring(i, next));
            if (seg.length() + encoded.length() > SEGMENT) {
                segments.add(seg.toString());
                seg.setLength(0);
            }
            seg.append(encoded);
            i = next;
        }
        segments.add(seg.toString());
        if (segments.size() == 1) {
            return List.of(name + "*=UTF-8''" + segments.get(0));
        }
        List<String> parts = new ArrayList<>();
        for (int n = 0; n < segments.size(); n++) {
            parts.add(name + "*" + n + "*=" + (n == 0 ? "UTF-8''" : "") + segments.get(n));
        }
        return parts;
    }

    /** RFC 2231 section 7: attribute-char is any token character except '*', '\'' and '%'. */
    private static String percentEncode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$&+-.^_`|~".indexOf(c) >= 0;
            if (plain) {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return b.toString();
    }
}
