package dev.mailgate.core.mime;

/**
 * Builds one header field, folding it (RFC 5322 section 2.2.3) by inserting CRLF before the white space between
 * tokens so that lines stay within 78 octets where the tokens allow. Unfolding (removing the CRLFs) restores the
 * value exactly.
 */
final class HeaderFolder {
    /** RFC 5322 section 2.1.1: lines SHOULD be no more than 78 characters. */
    static final int SOFT_LIMIT = 78;

    private final StringBuilder sb = new StringBuilder(256);
    private int lineWidth;
    private boolean lineHasToken;

    HeaderFolder start(String name) {
        sb.setLength(0);
        sb.append(name).append(':');
        lineWidth = name.length() + 1;
        lineHasToken = false;
        return this;
    }

    /** Appends a space and the token, or a fold and the token when the line would grow past 78. */
    HeaderFolder token(String token) {
        int width = width(token);
        if (lineHasToken && lineWidth + 1 + width > SOFT_LIMIT) {
            sb.append("\r\n ");
            lineWidth = 1;
        } else {
            sb.append(' ');
            lineWidth++;
        }
        sb.append(token);
        lineWidth += width;
        lineHasToken = true;
        return this;
    }

    /** Appends a space that may not become a fold (a second space in a row). */
    HeaderFolder space() {
        sb.append(' ');
        lineWidth++;
        return this;
    }

    /** Appends text directly after the previous token, with no white space (so no fold either). */
    HeaderFolder append(String text) {
        sb.append(text);
        lineWidth += width(text);
        return this;
    }

    /** The finished field including its CRLF. */
    StringBuilder finish() {
        return sb.append("\r\n");
    }

    /** Octets of the token in UTF-8: what the 78/998 limits count. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            w += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return w;
    }
}
