package dev.mailgate.core.transport;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An RFC 3463 enhanced status code {@code class.subject.detail}, e.g. {@code 5.1.1} (bad destination mailbox).
 *
 * @param codeClass 2 (success), 4 (persistent transient failure) or 5 (permanent failure)
 */
public record EnhancedStatusCode(int codeClass, int subject, int detail) {
    /** RFC 3463 section 2: class is 2, 4 or 5; subject 1-3 digits; detail 1-3 digits. */
    private static final Pattern FORM = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");
    /*
     * IN_TEXT, the language find() scans for by hand (its test checks the two agree):
     * (?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.]*\d)
     */

    public EnhancedStatusCode {
        if (codeClass != 2 && codeClass != 4 && codeClass != 5) {
            throw new IllegalArgumentException("status class must be 2, 4 or 5, was " + codeClass);
        }
        if (subject < 0 || subject > 999 || detail < 0 || detail > 999) {
            throw new IllegalArgumentException("status subject and detail must be 0-999: " + subject + "." + detail);
        }
    }

    /** Parses exactly {@code x.y.z}. */
    public static EnhancedStatusCode parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an RFC 3463 enhanced status code: \"" + text + "\"");
        }
        return new EnhancedStatusCode(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** The first code in free text, such as a diagnostic {@code "550 5.1.1 <a@b>: user unknown"}. */
    public static Optional<EnhancedStatusCode> find(String text) {
        // a hand-written scan of IN_TEXT's language: bounce parsing calls this on every diagnostic, and the regex
        // tried its lookbehind at every position
        int n = text.length();
        for (int i = text.indexOf('.'); i >= 0; i = text.indexOf('.', i + 1)) {
            if (i == 0) {
                continue;
            }
            int start = i - 1;
            char c = text.charAt(start);
            if (c != '2' && c != '4' && c != '5') {
                continue;
            }
            if (start > 0 && (isDigit(text.charAt(start - 1)) || text.charAt(start - 1) == '.')) {
                continue;
            }
            int subjectEnd = digits(text, i + 1);
            if (subjectEnd - (i + 1) < 1 || subjectEnd - (i + 1) > 3 || subjectEnd >= n || text.charAt(subjectEnd) != '.') {
                continue;
            }
            int detailEnd = digits(text, subjectEnd + 1);
            if (detailEnd - (subjectEnd + 1) < 1 || detailEnd - (subjectEnd + 1) > 3 || digitFollows(text, detailEnd)) {
                continue;
            }
            return Optional.of(new EnhancedStatusCode(c - '0', Integer.parseInt(text, i + 1, subjectEnd, 10),
                    Integer.parseInt(text, subjectEnd + 1, detailEnd, 10)));
        }
        return Optional.empty();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int digits(String text, int from) {
        int i = from;
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** IN_TEXT's {@code (?![\d.]*\d)}: more digits (after dots) mean a longer number, not a status. */
    private static boolean digitFollows(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isDigit(c)) {
                return true;
            }
            if (c != '.') {
                return false;
            }
        }
        return false;
    }

    /**
     * The code that starts a reply text, as RFC 2034 places it ({@code "5.1.1 <a@b>: user unknown"}), if the
     * first word is one.
     */
    public static Optional<EnhancedStatusCode> leading(String text) {
        // FORM matched by hand on the first word (up to a space) of the stripped text: the SMTP client reads one
        // per reply, and a Matcher per reply was most of what reading a reply allocated (issue 25).
        String t = text.strip();
        int space = t.indexOf(' ');
        int end = space < 0 ? t.length() : space;
        if (end < 5) {
            return Optional.empty();
        }
        char c = t.charAt(0);
        if (c != '2' && c != '4' && c != '5' || t.charAt(1) != '.') {
            return Optional.empty();
        }
        int subjectEnd = digits(t, 2);
        if (subjectEnd - 2 < 1 || subjectEnd - 2 > 3 || subjectEnd >= end || t.charAt(subjectEnd) != '.') {
            return Optional.empty();
        }
        int detailEnd = digits(t, subjectEnd + 1);
        if (detailEnd - (subjectEnd + 1) < 1 || detailEnd - (subjectEnd + 1) > 3 || detailEnd != end) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatusCode(c - '0', Integer.parseInt(t, 2, subjectEnd, 10), Integer.parseInt(t, subjectEnd + 1, detailEnd, 10)));
    }

    public boolean isPermanent() {
        return codeClass == 5;
    }

    public boolean isTransient() {
        return codeClass == 4;
    }

    public boolean isSuccess() {
        return codeClass == 2;
    }

    @Override
    public String toString() {
        return codeClass + "." + subject + "." + detail;
    }
}
