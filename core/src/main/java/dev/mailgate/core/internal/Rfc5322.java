package dev.mailgate.core.internal;

/** The RFC 5322 lexical tokens both the address parser and the writer need, in one place. */
public final class Rfc5322 {
    private Rfc5322() {
    }

    /**
     * atext (RFC 5322 section 3.2.3), plus any non-ASCII character that is not white space or a control
     * (UTF8-non-ascii, RFC 6532 section 3.2). Surrogates are left to the caller, which sees code points.
     */
    public static boolean isAtext(char c) {
        if (c >= 0x80) {
            return !Character.isSurrogate(c) && !Character.isWhitespace(c) && !Character.isISOControl(c);
        }
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    /** A quoted-string (RFC 5322 section 3.2.4): the text in double quotes, with '"' and '\' escaped. */
    public static String quotedString(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.append('"').toString();
    }

    /**
     * The text in double quotes for an error message: control characters and line separators are shown as Unicode
     * escapes (so the message cannot inject a line into a log), and it is cut after 200 characters.
     */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 200) + 16).append('"');
        int shown = Math.min(s.length(), 200);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        if (shown < s.length()) {
            b.append("...(").append(s.length()).append(" chars)");
        }
        return b.append('"').toString();
    }

    /**
     * The index of the first character that must never reach a header or an SMTP command, or -1: C0 controls
     * other than tab, DEL, NEL and the Unicode line and paragraph separators (which some software treats as line
     * breaks), and unpaired surrogates (which cannot be encoded as UTF-8).
     */
    public static int forbiddenCharAt(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                return i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** What is wrong with the character at {@code index}, as found by {@link #forbiddenCharAt}. */
    public static String forbiddenCharProblem(String s, int index) {
        char c = s.charAt(index);
        return Character.isSurrogate(c) ? "unpaired surrogate character" : String.format("control character U+%04X is not allowed", (int) c);
    }
}
