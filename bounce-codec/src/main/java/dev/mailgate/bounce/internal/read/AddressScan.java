package dev.mailgate.bounce.internal.read;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds {@code local@domain} tokens in free text, anchored on the {@code @} (a regex tried at every position cost
 * more than the rest of the parse). Local part: RFC 5322 atext and dots; domain: at least two labels of letters,
 * digits and hyphens, each starting and ending with a letter or digit.
 */
public final class AddressScan {
    /** One address found, {@code text.substring(start, end)}. */
    public record Found(int start, int end, String address) {
    }

    private AddressScan() {
    }

    public static List<Found> all(String text) {
        List<Found> out = new ArrayList<>();
        int from = 0;
        while (true) {
            Found f = next(text, from);
            if (f == null) {
                return out;
            }
            out.add(f);
            from = f.end;
        }
    }

    public static Found first(String text) {
        return next(text, 0);
    }

    /** The first address that starts at or after {@code from}, or null. */
    public static Found next(String text, int from) {
        int at = text.indexOf('@', from);
        while (at >= 0) {
            int start = at;
            while (start > from && isLocal(text.charAt(start - 1))) {
                start--;
            }
            while (start < at && text.charAt(start) == '.') {
                start++;
            }
            int end = domainEnd(text, at + 1);
            if (start < at && end > at + 1) {
                return new Found(start, end, text.substring(start, end));
            }
            at = text.indexOf('@', at + 1);
        }
        return null;
    }

    /** The end of a valid domain starting at {@code i}, or {@code i} when there is none. */
    private static int domainEnd(String text, int i) {
        int n = text.length();
        int labels = 0;
        int end = i;
        int pos = i;
        while (pos < n) {
            int labelStart = pos;
            while (pos < n && (isAlnum(text.charAt(pos)) || text.charAt(pos) == '-')) {
                pos++;
            }
            // trim trailing hyphens off the label
            int labelEnd = pos;
            while (labelEnd > labelStart && text.charAt(labelEnd - 1) == '-') {
                labelEnd--;
            }
            if (labelEnd == labelStart || !isAlnum(text.charAt(labelStart))) {
                break;
            }
            labels++;
            end = labelEnd;
            if (labelEnd < pos || pos >= n || text.charAt(pos) != '.') {
                break;
            }
            pos++; // the dot
        }
        return labels >= 2 ? end : i;
    }

    private static boolean isAlnum(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }

    private static boolean isLocal(char c) {
        return isAlnum(c) || c == '.' || "!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0;
    }

    /**
     * The part of a notification that is about one recipient: from its first mention, at {@code at}, to the next
     * address that is not this one.
     */
    public static String blockAt(String text, int at, String recipient) {
        if (text.isEmpty()) {
            return "";
        }
        int end = text.length();
        int from = at + recipient.length();
        // the recipient's own line is its block even when the reply on it names another address (OpenSMTPD's
        // "rcpt: 553 5.7.1 <sender>: Sender address rejected"); the next address ends it only after that line
        // Looked for within the line's first 1,000 characters (an SMTP reply line is at most 512, RFC 5321 section
        // 4.5.3.1.5): unbounded, both searches ran to the end of a one-line text once per recipient.
        int limit = Math.min(text.length(), from + 1000);
        boolean colon = false;
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                if (colon && i > from) {
                    from = i;
                }
                break;
            }
            colon |= c == ':';
        }
        Found f;
        while ((f = next(text, from)) != null) {
            if (!f.address().equalsIgnoreCase(recipient)) {
                end = f.start();
                break;
            }
            from = f.end();
        }
        return text.substring(at, end);
    }
}
