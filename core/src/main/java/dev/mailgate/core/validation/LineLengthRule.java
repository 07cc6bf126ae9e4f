package dev.mailgate.core.validation;

import dev.mailgate.core.internal.ByteScan;
import dev.mailgate.core.mime.RenderedMessage;
import java.util.ArrayList;
import java.util.List;

/** RFC 5322 section 2.1.1 / RFC 5321 section 4.5.3.1.6: a line is at most 998 octets before its CRLF. */
final class LineLengthRule implements Rule {
    static final String ID = "core.line-length";
    private static final int MAX = 998;
    private static final int MAX_REPORTED = 5;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        if (message.source().isPresent()) {
            // Rendered by MimeWriter, which keeps every line within the limit by construction: header text is folded
            // in any run of white space, counted in octets, and sent as RFC 2047 encoded-words when it cannot be
            // folded into 998-octet lines (HeaderFolder refuses any other token that would not fit); a text body goes
            // out as it is only when its longest line fits; attachments are base64. HeaderLineLengthPropertyTest
            // (1,580 generated and measured-fault headers of every kind, with and without SMTPUTF8), RoundTripTest,
            // the MIME round-trip fuzz target and HeaderInjectionTest check that on every build; re-scanning a 36 KB
            // message here cost a tenth of its preparation time.
            return List.of();
        }
        // A raw message is taken as the caller wrote it: one bulk copy, then a tight scan of the array.
        byte[] bytes = new byte[message.size()];
        message.content().get(bytes);
        int n = bytes.length;
        List<Violation> violations = new ArrayList<>();
        int line = 1;
        int tooLong = 0;
        int i = 0;
        while (i <= n) {
            int j = ByteScan.indexOfLf(bytes, i, n);
            int length = j - i - (j > i && j < n && bytes[j - 1] == '\r' ? 1 : 0);
            if (length > MAX) {
                tooLong++;
                if (violations.size() < MAX_REPORTED) {
                    violations.add(new Violation(ID, "line " + line, "is " + length + " octets; at most " + MAX + " are allowed"));
                }
            }
            i = j + 1;
            line++;
        }
        if (tooLong > MAX_REPORTED) {
            violations.add(new Violation(ID, "lines", (tooLong - MAX_REPORTED) + " more lines are over " + MAX + " octets"));
        }
        return violations;
    }
}
