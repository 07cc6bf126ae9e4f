package dev.mailgate.bounce.internal.read;

import java.util.Arrays;

/**
 * Answers "does any line of {@code text[from, to)} quote a server reply" ({@link PlainTextReader#replyStart} at
 * least 0 on one of its lines) in constant time, after one linear pass over the text. The plain-text reader asks it
 * for the block after every mention of every address; splitting and scanning each block again cost the square of
 * the text's length when a mail mentions one address many times (issue 18).
 *
 * <p>What {@code replyStart} looks for never spans a line break: "said:", a reply code ({@code 550 } or {@code 550-})
 * at a line's start or after white space, an RFC 3463 enhanced status code that no digit or dot precedes and no
 * further digit follows. Each occurrence in the text is an interval that, when a block contains it, makes the
 * block's line match. A block's own edges add only two cases, checked directly: its first line starts at
 * {@code from}, so a code there needs no white space (or non-digit) before it; its last line ends at {@code to}, so
 * digits after {@code to} no longer make a status part of a longer number.
 */
final class ReplySignals {
    private static final int NONE = Integer.MAX_VALUE;

    private final String text;
    /** The smallest end of a signal that starts at or after each position. */
    private int[] minEndFrom;
    /** The first digit reached from each position over dots only ({@code (?![\d.]*\d)} of the status), or NONE. */
    private int[] firstDigit;
    /** The start of the run of digits and dots each position is in. */
    private int[] runStart;

    /**
     * The pass over the text waits for the first question: only an address mentioned more than once asks one (with a
     * single mention, its block is the answer either way), and most bounces mention each address once, so building
     * four arrays per character of every notification was work thrown away.
     */
    ReplySignals(String text) {
        this.text = text;
        this.directBudget = text.length();
    }

    /**
     * How many more characters may be answered by reading the block's lines directly before the index is built:
     * most questions are about one short block (an address mentioned twice), where four arrays over the whole
     * notification cost more than reading the block. The budget is the text's length, so all questions together
     * still cost at most a linear pass plus the index.
     */
    private int directBudget;

    private void index() {
        int n = text.length();
        firstDigit = new int[n + 1];
        firstDigit[n] = NONE;
        for (int i = n - 1; i >= 0; i--) {
            char c = text.charAt(i);
            firstDigit[i] = isAsciiDigit(c) ? i : c == '.' ? firstDigit[i + 1] : NONE;
        }
        runStart = new int[n];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            runStart[i] = (isAsciiDigit(c) || c == '.') && i > 0 && (isAsciiDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '.')
                    ? runStart[i - 1] : i;
        }
        int[] endAt = new int[n + 1];
        Arrays.fill(endAt, NONE);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if ((c == 's' || c == 'S') && text.regionMatches(true, i, "said:", 0, 5)) {
                endAt[i] = Math.min(endAt[i], i + 5);
            }
            if (codeAt(i, n)) {
                // at a line's start the code is the signal; after white space the space belongs to it
                int start = i == 0 || text.charAt(i - 1) == '\n' ? i : i - 1;
                if (start == i || Character.isWhitespace(text.charAt(i - 1))) {
                    endAt[start] = Math.min(endAt[start], i + 4);
                }
            }
            int status = statusEnd(i, 0, n);
            if (status >= 0) {
                endAt[i] = Math.min(endAt[i], status);
            }
        }
        minEndFrom = new int[n + 1];
        minEndFrom[n] = NONE;
        for (int i = n - 1; i >= 0; i--) {
            minEndFrom[i] = Math.min(endAt[i], minEndFrom[i + 1]);
        }
    }

    /** Whether a line of {@code text[from, to)}, split at line feeds, quotes a reply. */
    boolean quotesReply(int from, int to) {
        if (from >= to) {
            return false;
        }
        if (minEndFrom == null && to - from <= directBudget) {
            directBudget -= to - from;
            return byLines(from, to);
        }
        if (minEndFrom == null) {
            index();
        }
        if (minEndFrom[from] <= to) {
            return true;
        }
        // the first line starts at from: a code or status there needs nothing before it
        if (codeAt(from, to) || statusEnd(from, from, to) >= 0) {
            return true;
        }
        // the last line ends at to: a status whose digits ran on past it may now end there
        char last = text.charAt(to - 1);
        if (isAsciiDigit(last) || last == '.') {
            int st = Math.max(from, runStart[to - 1]);
            return statusEnd(st, from, to) >= 0;
        }
        return false;
    }

    /** The definition the index answers: a line of {@code text[from, to)} on which replyStart finds a reply. */
    private boolean byLines(int from, int to) {
        int a = from;
        while (a < to) {
            // the line end is looked for inside the block only, so a question costs its block and no more
            int b = a;
            while (b < to && text.charAt(b) != '\n') {
                b++;
            }
            if (b > a && PlainTextReader.replyStart(text.substring(a, b)) >= 0) {
                return true;
            }
            a = b + 1;
        }
        return false;
    }

    /** {@code 550 } / {@code 550-} at i, the fourth character before {@code to} (the reply-code test of replyStart). */
    private boolean codeAt(int i, int to) {
        if (i + 3 >= to) {
            return false;
        }
        char c = text.charAt(i);
        char after = text.charAt(i + 3);
        return (c == '2' || c == '4' || c == '5') && Character.isDigit(text.charAt(i + 1)) && Character.isDigit(text.charAt(i + 2))
                && (after == ' ' || after == '-');
    }

    /**
     * The end of an enhanced status code starting at {@code st} as {@code EnhancedStatusCode.find} reads it in
     * {@code text[lineFrom, to)}, or -1: class, dot, 1-3 digits, dot, 1-3 digits, no digit or dot before, no digit
     * after the dots that follow.
     */
    private int statusEnd(int st, int lineFrom, int to) {
        if (st + 1 >= to) {
            return -1;
        }
        char c = text.charAt(st);
        if (c != '2' && c != '4' && c != '5' || text.charAt(st + 1) != '.') {
            return -1;
        }
        if (st > lineFrom && (isAsciiDigit(text.charAt(st - 1)) || text.charAt(st - 1) == '.')) {
            return -1;
        }
        int subjectEnd = digits(st + 2, to);
        int subject = subjectEnd - (st + 2);
        if (subject < 1 || subject > 3 || subjectEnd >= to || text.charAt(subjectEnd) != '.') {
            return -1;
        }
        int detailEnd = digits(subjectEnd + 1, to);
        int detail = detailEnd - (subjectEnd + 1);
        if (detail < 1 || detail > 3 || detailEnd < to && firstDigit[detailEnd] < to) {
            return -1;
        }
        return detailEnd;
    }

    /** The end of the digits from {@code from}, reading at most four (more than three never makes a status). */
    private int digits(int from, int to) {
        int i = from;
        while (i < to && i - from < 4 && isAsciiDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
