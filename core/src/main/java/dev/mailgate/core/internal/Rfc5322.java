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
}
