package dev.mailgate.core.validation;

import dev.mailgate.core.internal.ByteScan;
import dev.mailgate.core.message.ContentType;
import dev.mailgate.core.message.InvalidHeaderException;
import dev.mailgate.core.mime.RenderedMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every header block byte by byte (RFC 5322 sections 2.2 and 3.6.8) — the message's and, through the
 * multipart structure (RFC 2046 section 5.1.1), each body part's: each line is {@code name:value} with a
 * printable-ASCII name, or a continuation starting with white space; no NUL, and CR and LF only as a CRLF pair. A
 * multipart Content-Type must parse and name its boundary. This catches header injection in raw messages, where no
 * builder checked the values, and in part headers, which a reader trusts as much as the message's own.
 */
final class HeaderSyntaxRule implements Rule {
    static final String ID = "core.header-syntax";
    private static final int MAX_REPORTED = 10;
    /** Deeper nesting is reported, not followed: real messages nest three or four levels. */
    private static final int MAX_DEPTH = 20;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        if (message.source().isPresent()) {
            // Rendered by MimeWriter from an EmailMessage, whose builder checked every name and value (HeaderChecks:
            // a legal name, no CR, LF or NUL in a value) and whose writer folds with CRLF and writes its own
            // multipart boundaries: the walk found nothing there by construction. theWritersOutputHasNoViolationInAnyPart
            // (this rule run on the writer's bytes as a raw message), HeaderInjectionTest, RoundTripTest and the MIME
            // round-trip fuzz target check that on every build. Re-parsing the rendered headers was a quarter of the
            // batch path's CPU per message (issue 25, benchmarks/README section 2b). Raw messages are walked as before.
            return List.of();
        }
        // One bulk copy; the part walk then jumps from line to line with the eight-octets-at-a-time LF search.
        byte[] bytes = new byte[message.size()];
        message.content().get(bytes);
        List<Violation> violations = new ArrayList<>();
        walk(bytes, 0, bytes.length, "", 0, violations);
        return violations.size() > MAX_REPORTED ? List.copyOf(violations.subList(0, MAX_REPORTED)) : violations;
    }

    /** Checks the header block at {@code start} and, for a multipart entity, each of its parts in turn. */
    private static void walk(byte[] b, int start, int end, String part, int depth, List<Violation> violations) {
        int bodyStart = checkBlock(b, start, end, part, violations);
        String contentType = field(b, start, Math.min(bodyStart, end), "content-type");
        if (contentType == null || violations.size() >= MAX_REPORTED) {
            return;
        }
        String where = part.isEmpty() ? "Content-Type" : part + " Content-Type";
        ContentType type;
        try {
            type = ContentType.parse(contentType);
        } catch (InvalidHeaderException e) {
            violations.add(new Violation(ID, where, "cannot be read: " + e.getMessage()));
            return;
        }
        if (!type.type().equals("multipart")) {
            return;
        }
        String boundary = type.parameter("boundary").orElse(null);
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            violations.add(new Violation(ID, where, "a multipart entity needs a boundary parameter of 1 to 70 characters (RFC 2046 section 5.1.1)"));
            return;
        }
        if (depth >= MAX_DEPTH) {
            violations.add(new Violation(ID, where, "multipart nesting deeper than " + MAX_DEPTH + " levels is not checked further"));
            return;
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.UTF_8);
        int partNumber = 0;
        int partStart = -1;
        for (int line = bodyStart; line < end; ) {
            int lf = ByteScan.indexOfLf(b, line, end);
            if (startsWith(b, line, lf, delimiter)) {
                int after = line + delimiter.length;
                boolean close = after + 1 < lf && b[after] == '-' && b[after + 1] == '-';
                if (partStart >= 0) {
                    // The CRLF before a delimiter belongs to the delimiter (RFC 2046 section 5.1.1).
                    int partEnd = line >= 2 && b[line - 2] == '\r' ? line - 2 : Math.max(partStart, line - 1);
                    walk(b, partStart, Math.max(partStart, partEnd), label(part, partNumber), depth + 1, violations);
                }
                if (close) {
                    return;
                }
                partNumber++;
                partStart = Math.min(lf + 1, end);
            }
            line = lf + 1;
        }
        if (partStart >= 0) {
            walk(b, partStart, end, label(part, partNumber), depth + 1, violations);
            violations.add(new Violation(ID, where, "the closing delimiter --" + boundary + "-- is missing (RFC 2046 section 5.1.1)"));
        }
    }

    private static String label(String parent, int number) {
        return parent.isEmpty() ? "part " + number : parent + "." + number;
    }

    private static boolean startsWith(byte[] b, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks the lines of one header block, up to the empty line that ends it (or {@code end}).
     *
     * @return the index of the first octet after the empty line: the start of the body
     */
    private static int checkBlock(byte[] b, int start, int end, String part, List<Violation> violations) {
        String prefix = part.isEmpty() ? "header line " : part + " header line ";
        int lineNumber = 1;
        int lineStart = start;
        for (int i = start; i < end; i++) {
            byte c = b[i];
            if (c == '\r' && i + 1 < end && b[i + 1] == '\n') {
                if (i == lineStart) {
                    return i + 2;
                }
                checkLine(b, lineStart, i, lineNumber, prefix, violations);
                i++;
                lineStart = i + 1;
                lineNumber++;
            } else if (c == '\r' || c == '\n') {
                violations.add(new Violation(ID, prefix + lineNumber,
                        "bare " + (c == '\r' ? "CR" : "LF") + " at octet " + i + "; only CRLF ends a line (RFC 5322 section 2.2)"));
            } else if (c == 0) {
                violations.add(new Violation(ID, prefix + lineNumber, "NUL at octet " + i));
            }
            if (violations.size() >= MAX_REPORTED) {
                return end;
            }
        }
        return end;
    }

    private static void checkLine(byte[] b, int start, int end, int lineNumber, String prefix, List<Violation> violations) {
        if (b[start] == ' ' || b[start] == '\t') {
            if (lineNumber == 1) {
                violations.add(new Violation(ID, prefix + "1", "the first header line starts with white space"));
            }
            return;
        }
        for (int i = start; i < end; i++) {
            int c = b[i] & 0xFF;
            if (c == ':') {
                if (i == start) {
                    violations.add(new Violation(ID, prefix + lineNumber, "empty header name"));
                }
                return;
            }
            if (c < 33 || c > 126) {
                violations.add(new Violation(ID, prefix + lineNumber, String.format(
                        "illegal character 0x%02X in a header name (RFC 5322 section 3.6.8)", c)));
                return;
            }
        }
        violations.add(new Violation(ID, prefix + lineNumber, "line is neither 'name: value' nor a continuation"));
    }

    /** The unfolded value of the first field with this (lower-case) name in the block, or null. */
    private static String field(byte[] b, int start, int end, String name) {
        int line = start;
        while (line < end) {
            int lf = ByteScan.indexOfLf(b, line, end);
            if (lf - line > name.length() && matchesName(b, line, name)) {
                StringBuilder value = new StringBuilder();
                int from = line + name.length() + 1;
                while (true) {
                    int stop = lf > from && b[lf - 1] == '\r' ? lf - 1 : lf;
                    value.append(new String(b, from, Math.max(0, stop - from), StandardCharsets.UTF_8));
                    int next = lf + 1;
                    if (next >= end || (b[next] != ' ' && b[next] != '\t')) {
                        return value.toString().strip();
                    }
                    from = next;
                    lf = ByteScan.indexOfLf(b, next, end);
                }
            }
            line = lf + 1;
        }
        return null;
    }

    private static boolean matchesName(byte[] b, int at, String name) {
        for (int i = 0; i < name.length(); i++) {
            int c = b[at + i] | 0x20;
            if (c != name.charAt(i) && !(name.charAt(i) == '-' && b[at + i] == '-')) {
                return false;
            }
        }
        return b[at + name.length()] == ':';
    }
}
