package dev.mailgate.core.validation;

import dev.mailgate.core.mime.RenderedMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the header section byte by byte (RFC 5322 sections 2.2 and 3.6.8): each line is {@code name:value} with a
 * printable-ASCII name, or a continuation starting with white space; no NUL, and CR and LF only as a CRLF pair.
 * This catches header injection in raw messages, where no builder checked the values.
 */
final class HeaderSyntaxRule implements Rule {
    static final String ID = "core.header-syntax";
    private static final int MAX_REPORTED = 10;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        java.nio.ByteBuffer bytes = message.content();
        List<Violation> violations = new ArrayList<>();
        int lineNumber = 1;
        int lineStart = 0;
        for (int i = 0; i < bytes.limit() && violations.size() < MAX_REPORTED; i++) {
            byte b = bytes.get(i);
            if (b == '\r' && i + 1 < bytes.limit() && bytes.get(i + 1) == '\n') {
                if (i == lineStart) {
                    return violations;
                }
                checkLine(bytes, lineStart, i, lineNumber, violations);
                i++;
                lineStart = i + 1;
                lineNumber++;
            } else if (b == '\r' || b == '\n') {
                violations.add(new Violation(ID, "header line " + lineNumber,
                        "bare " + (b == '\r' ? "CR" : "LF") + " at octet " + i + "; only CRLF ends a line (RFC 5322 section 2.2)"));
            } else if (b == 0) {
                violations.add(new Violation(ID, "header line " + lineNumber, "NUL at octet " + i));
            }
        }
        return violations;
    }

    private static void checkLine(java.nio.ByteBuffer bytes, int start, int end, int lineNumber, List<Violation> violations) {
        if (bytes.get(start) == ' ' || bytes.get(start) == '\t') {
            if (lineNumber == 1) {
                violations.add(new Violation(ID, "header line 1", "the first header line starts with white space"));
            }
            return;
        }
        for (int i = start; i < end; i++) {
            int c = bytes.get(i) & 0xFF;
            if (c == ':') {
                if (i == start) {
                    violations.add(new Violation(ID, "header line " + lineNumber, "empty header name"));
                }
                return;
            }
            if (c < 33 || c > 126) {
                violations.add(new Violation(ID, "header line " + lineNumber, String.format(
                        "illegal character 0x%02X in a header name (RFC 5322 section 3.6.8)", c)));
                return;
            }
        }
        violations.add(new Violation(ID, "header line " + lineNumber, "line is neither 'name: value' nor a continuation"));
    }
}
