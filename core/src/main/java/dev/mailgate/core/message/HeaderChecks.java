package dev.mailgate.core.message;

import dev.mailgate.core.internal.Rfc5322;
import java.util.Locale;
import java.util.Set;

/** The checks that keep user-supplied text from adding header lines (header injection). */
final class HeaderChecks {
    /** RFC 5322 section 2.1.1: a line is at most 998 octets, not counting CRLF. */
    static final int MAX_LINE = 998;

    /** Fields that have their own builder methods, so that a second, conflicting copy cannot be added. */
    private static final Set<String> OWNED = Set.of(
            "from", "sender", "to", "cc", "bcc", "reply-to", "subject", "message-id", "date", "mime-version",
            "content-type", "content-transfer-encoding", "content-disposition", "content-id",
            "list-unsubscribe", "list-unsubscribe-post");

    private HeaderChecks() {
    }

    /** field-name = 1*ftext, ftext = %d33-57 / %d59-126 (RFC 5322 section 3.6.8). */
    static void checkName(String name) {
        if (name.isEmpty()) {
            throw new InvalidHeaderException("header name", "must not be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 33 || c > 126 || c == ':') {
                throw new InvalidHeaderException("header name " + Rfc5322.printable(name),
                        "character " + Rfc5322.printable(String.valueOf(c)) + " at position " + i
                                + " is not allowed (RFC 5322 section 3.6.8 allows printable US-ASCII except ':')");
            }
        }
        if (name.length() > 76) {
            throw new InvalidHeaderException("header name " + Rfc5322.printable(name), "is " + name.length() + " characters; at most 76 fit on one line");
        }
        if (OWNED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new InvalidHeaderException("header " + name, "is set through its own builder method, not header(..)");
        }
    }

    /** Rejects line breaks and controls anywhere in a value, and words too long for one line. */
    static void checkValue(String field, String value, int prefixLength) {
        checkText(field, value);
        int run = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            run = (c == ' ' || c == '\t') ? 0 : run + 1;
            if (run + prefixLength > MAX_LINE) {
                throw new InvalidHeaderException(field, "has a word of more than " + (MAX_LINE - prefixLength)
                        + " characters, which cannot be folded into a line of at most " + MAX_LINE + " octets (RFC 5322 section 2.1.1)");
            }
        }
    }

    /**
     * Rejects CR, LF, NUL, the other C0 controls except tab, DEL, NEL, U+2028/U+2029 and unpaired surrogates: each
     * can end a header line in some software, and none has a meaning in a header value.
     */
    static void checkText(String field, String value) {
        int bad = Rfc5322.forbiddenCharAt(value);
        if (bad >= 0) {
            throw new InvalidHeaderException(field, Rfc5322.forbiddenCharProblem(value, bad) + " (position " + bad + ")");
        }
    }

    /**
     * A Message-ID with or without its angle brackets, returned without them: {@code left@right} in printable
     * ASCII without spaces (RFC 5322 section 3.6.4).
     */
    static String checkMessageId(String id) {
        String bare = id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
        checkValue("message id", bare, "Message-ID: <".length() + 1);
        int at = bare.indexOf('@');
        if (at <= 0 || at == bare.length() - 1 || bare.indexOf('@', at + 1) >= 0
                || bare.chars().anyMatch(c -> c <= 32 || c >= 127 || c == '<' || c == '>')) {
            throw new InvalidHeaderException("message id " + Rfc5322.printable(id),
                    "must have the form left@right in printable ASCII without spaces (RFC 5322 section 3.6.4)");
        }
        return bare;
    }
}
