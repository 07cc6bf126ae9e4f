package dev.mailgate.core.mime;

/**
 * Builds one header field, folding it (RFC 5322 section 2.2.3) by inserting CRLF before white space so that lines
 * stay within 78 octets where the text allows, and never exceed 998 (section 2.1.1). Widths are counted in octets of
 * UTF-8, which is what a line carries (raw UTF-8 reaches a header only with SMTPUTF8, RFC 6532). Unfolding (removing
 * the CRLFs) restores the value exactly.
 */
final class HeaderFolder {
    /** RFC 5322 section 2.1.1: lines SHOULD be no more than 78 characters. */
    static final int SOFT_LIMIT = 78;
    /** RFC 5322 section 2.1.1: lines MUST be no more than 998 characters, excluding the CRLF. */
    static final int HARD_LIMIT = 998;

    private final StringBuilder sb = new StringBuilder(256);
    private String name;
    private int lineWidth;
    private boolean lineHasToken;

    HeaderFolder start(String name) {
        this.name = name;
        sb.setLength(0);
        sb.append(name).append(':');
        lineWidth = name.length() + 1;
        lineHasToken = false;
        return this;
    }

    /**
     * Appends a space and the token, or a fold and the token when the line would grow past 78.
     *
     * @throws MessageRenderException when the token cannot fit a line of 998 octets even on a line of its own;
     *     callers pass tokens they bounded (encoded-words, quoted parameter sections, checked addresses), so this
     *     is the guarantee, not a path users meet
     */
    HeaderFolder token(String token) {
        int width = width(token, 0, token.length());
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
        if (lineWidth > HARD_LIMIT) {
            throw tooLong(width);
        }
        return this;
    }

    /** Kept out of {@link #token} so that the hot method stays small enough to inline. */
    private MessageRenderException tooLong(int width) {
        return new MessageRenderException(name, "a token of " + width + " octets cannot be folded into a line of at most "
                + HARD_LIMIT + " octets (RFC 5322 section 2.1.1)", null);
    }

    /**
     * Appends unstructured text (RFC 5322 section 3.2.5) as it is, folding inside its runs of white space — spaces
     * and tabs alike, any run length. A fold goes before the last WSP of a run (section 2.2.3 folds only before WSP),
     * or earlier when the line cannot hold the rest of the run, so every continuation line starts with white space
     * and a word, never white space alone (section 3.2.2 allows one CRLF per run). Leading and trailing white space
     * cannot be folded (unstructured = *([FWS] VCHAR) *WSP).
     *
     * @return false, leaving the field as before the call, when some line would exceed 998 octets: a word too long
     *     for a line, or a run of white space too long for two; the caller then encodes the text (RFC 2047)
     */
    boolean text(String v) {
        int mark = sb.length();
        int markWidth = lineWidth;
        int n = v.length();
        int i = skipWsp(v, 0);
        sb.append(' ').append(v, 0, i);
        lineWidth += 1 + i;
        if (i < n) {
            int end = skipWord(v, i);
            sb.append(v, i, end);
            lineWidth += width(v, i, end);
            i = end;
        }
        while (i < n && lineWidth <= HARD_LIMIT) {
            int runEnd = skipWsp(v, i);
            int run = runEnd - i;
            if (runEnd == n) {
                sb.append(v, i, n);
                lineWidth += run;
                break;
            }
            int wordEnd = skipWord(v, runEnd);
            int word = width(v, runEnd, wordEnd);
            int keep = Math.min(run - 1, HARD_LIMIT - lineWidth);
            // RFC 822 readers (Angus Mail among them) take '\' CRLF as a quoted line break, not a fold: never
            // fold directly after a backslash; stay on the line (the 998 check below decides).
            boolean quotedBreak = keep == 0 && v.charAt(i - 1) == '\\';
            if (lineWidth + run + word <= SOFT_LIMIT || quotedBreak) {
                sb.append(v, i, wordEnd);
                lineWidth += run + word;
            } else {
                sb.append(v, i, i + keep).append("\r\n").append(v, i + keep, wordEnd);
                lineWidth = run - keep + word;
            }
            i = wordEnd;
        }
        if (lineWidth > HARD_LIMIT) {
            sb.setLength(mark);
            lineWidth = markWidth;
            return false;
        }
        lineHasToken = true;
        return true;
    }

    /** The finished field including its CRLF. */
    StringBuilder finish() {
        return sb.append("\r\n");
    }

    private static int skipWsp(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int skipWord(String s, int i) {
        while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
            i++;
        }
        return i;
    }

    /** Octets of {@code s[from, to)} in UTF-8: what the 78/998 limits count. */
    static int width(String s, int from, int to) {
        int w = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            w += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return w;
    }
}
