package dev.mailgate.core.validation;

import java.util.List;

/** The rules every message must pass, whatever the provider. */
public final class CoreRules {
    private CoreRules() {
    }

    /** From present, a recipient present, header syntax, line length: the checks with no setting. */
    public static List<Rule> defaults() {
        return List.of(fromPresent(), recipientPresent(), headerSyntax(), lineLength());
    }

    /** Exactly one From header with at least one address (RFC 5322 section 3.6). */
    public static Rule fromPresent() {
        return new FromPresentRule();
    }

    /** At least one envelope recipient. */
    public static Rule recipientPresent() {
        return Rule.of("core.recipient-present", m -> m.envelope().recipients().isEmpty()
                ? List.of(new Violation("core.recipient-present", "recipients", "the message has no recipient (To, Cc, Bcc or envelope)"))
                : List.of());
    }

    /**
     * Every header line, of the message and of each body part, is {@code name: value} with a legal name, or a
     * continuation; no NUL, CR or LF inside; a multipart Content-Type parses and names its boundary.
     */
    public static Rule headerSyntax() {
        return new HeaderSyntaxRule();
    }

    /** No line over 998 octets (RFC 5322 section 2.1.1). */
    public static Rule lineLength() {
        return new LineLengthRule();
    }

    /** The rendered message, as sent, is at most {@code maxOctets} octets. */
    public static Rule maxSize(long maxOctets) {
        if (maxOctets <= 0) {
            throw new IllegalArgumentException("maxOctets must be positive, was " + maxOctets);
        }
        return Rule.of("core.max-size", m -> m.size() > maxOctets
                ? List.of(new Violation("core.max-size", "size", "the rendered message is " + m.size()
                        + " octets, more than the limit of " + maxOctets))
                : List.of());
    }
}
