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
    private static final Pattern IN_TEXT = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]*\\d)");

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
        Matcher m = IN_TEXT.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatusCode(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }

    /**
     * The code that starts a reply text, as RFC 2034 places it ({@code "5.1.1 <a@b>: user unknown"}), if the
     * first word is one.
     */
    public static Optional<EnhancedStatusCode> leading(String text) {
        String t = text.strip();
        int space = t.indexOf(' ');
        Matcher m = FORM.matcher(space < 0 ? t : t.substring(0, space));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new EnhancedStatusCode(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
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
