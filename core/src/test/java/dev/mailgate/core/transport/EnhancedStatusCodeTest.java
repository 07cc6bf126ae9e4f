package dev.mailgate.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class EnhancedStatusCodeTest {
    /** The specification find() implements by hand. */
    private static final Pattern IN_TEXT = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]*\\d)");

    private static Optional<String> byRegex(String text) {
        Matcher m = IN_TEXT.matcher(text);
        return m.find() ? Optional.of(Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2)) + "." + Integer.parseInt(m.group(3)))
                : Optional.empty();
    }

    @Test
    void findsTheCodeInAReply() {
        assertThat(EnhancedStatusCode.find("550 5.1.1 <a@example.org>: user unknown")).contains(new EnhancedStatusCode(5, 1, 1));
        assertThat(EnhancedStatusCode.find("552-5.7.0 blocked")).contains(new EnhancedStatusCode(5, 7, 0));
        assertThat(EnhancedStatusCode.find("see (#4.4.1)")).contains(new EnhancedStatusCode(4, 4, 1));
        assertThat(EnhancedStatusCode.find("550 5.1.351 Remote server")).contains(new EnhancedStatusCode(5, 1, 351));
    }

    @Test
    void versionNumbersAndAddressesAreNotCodes() {
        assertThat(EnhancedStatusCode.find("Exim 4.72 at 192.0.2.5")).isEmpty();
        assertThat(EnhancedStatusCode.find("v1.5.2.3")).isEmpty();
        assertThat(EnhancedStatusCode.find("5.1.1234")).isEmpty();
    }

    @Test
    void theHandWrittenScanAgreesWithTheRegexOnRandomText() {
        Random random = new Random(42);
        String alphabet = "245013.9 x#(";
        for (int i = 0; i < 200_000; i++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(14);
            for (int j = 0; j < len; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = b.toString();
            assertThat(EnhancedStatusCode.find(text).map(Object::toString)).as(text).isEqualTo(byRegex(text));
        }
    }

    /** The specification leading() implements by hand: the first word of the stripped text is exactly a code. */
    private static final Pattern FORM = Pattern.compile("([245])\\.(\\d{1,3})\\.(\\d{1,3})");

    private static Optional<EnhancedStatusCode> leadingByRegex(String text) {
        String t = text.strip();
        int space = t.indexOf(' ');
        Matcher m = FORM.matcher(space < 0 ? t : t.substring(0, space));
        return m.matches() ? Optional.of(new EnhancedStatusCode(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))))
                : Optional.empty();
    }

    @Test
    void theLeadingCodeScanAgreesWithTheRegexOnRandomText() {
        assertThat(EnhancedStatusCode.leading("2.0.0 Ok: queued")).contains(new EnhancedStatusCode(2, 0, 0));
        assertThat(EnhancedStatusCode.leading("  5.1.351 no")).contains(new EnhancedStatusCode(5, 1, 351));
        assertThat(EnhancedStatusCode.leading("5.1.1234 no")).isEmpty();
        assertThat(EnhancedStatusCode.leading("5.1.1\tno")).isEmpty();
        char[] alphabet = {'2', '4', '5', '0', '9', '.', '.', ' ', '\t', 'a', '1'};
        Random random = new Random(3463);
        for (int round = 0; round < 200_000; round++) {
            char[] text = new char[random.nextInt(14)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            String t = new String(text);
            assertThat(EnhancedStatusCode.leading(t)).as("\"%s\"", t).isEqualTo(leadingByRegex(t));
        }
    }
}
