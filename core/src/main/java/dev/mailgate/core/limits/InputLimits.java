package dev.mailgate.core.limits;

/**
 * Every bound that guards Mailgate's parsers against hostile input, in one immutable object with documented
 * defaults (the model is Jackson's {@code StreamReadConstraints}). Parsers, codecs and the webhook handler take it
 * where they are built; one that exceeds a bound fails with its own typed error, worded by {@link #exceeded} as
 * "{@code what (N) exceeds the maximum (M, InputLimits.name)}", so the message says which setting to raise.
 *
 * <p>The defaults are generous for genuine traffic and small enough that the worst input costs a bounded amount
 * of memory and (the parsers being linear) time:
 * <table>
 * <caption>limits and defaults</caption>
 * <tr><th>limit</th><th>default</th><th>guards</th></tr>
 * <tr><td>{@link #maxPayloadBytes()}</td><td>10 MiB</td><td>a webhook request body (read no further), a JSON
 * webhook or callback payload</td></tr>
 * <tr><td>{@link #maxJsonNestingDepth()}</td><td>64</td><td>JSON arrays and objects inside each other</td></tr>
 * <tr><td>{@link #maxMessageBytes()}</td><td>32 MiB</td><td>a bounce, complaint or auto-reply mail to parse</td></tr>
 * <tr><td>{@link #maxMimeDepth()}</td><td>12</td><td>multiparts inside multiparts of a parsed mail (deeper parts
 * are kept as opaque bodies)</td></tr>
 * <tr><td>{@link #maxMimeParts()}</td><td>500</td><td>body parts of a parsed mail (the rest kept opaque)</td></tr>
 * <tr><td>{@link #maxReplyLines()}</td><td>200</td><td>lines of one SMTP reply (RFC 5321 sets no bound)</td></tr>
 * <tr><td>{@link #maxReplyLineOctets()}</td><td>4096</td><td>one SMTP reply line (RFC 5321 section 4.5.3.1.5
 * allows 512; servers exceed it)</td></tr>
 * </table>
 */
public final class InputLimits {
    private static final InputLimits DEFAULTS = builder().build();

    private final int maxPayloadBytes;
    private final int maxJsonNestingDepth;
    private final int maxMessageBytes;
    private final int maxMimeDepth;
    private final int maxMimeParts;
    private final int maxReplyLines;
    private final int maxReplyLineOctets;

    private InputLimits(Builder b) {
        this.maxPayloadBytes = b.maxPayloadBytes;
        this.maxJsonNestingDepth = b.maxJsonNestingDepth;
        this.maxMessageBytes = b.maxMessageBytes;
        this.maxMimeDepth = b.maxMimeDepth;
        this.maxMimeParts = b.maxMimeParts;
        this.maxReplyLines = b.maxReplyLines;
        this.maxReplyLineOctets = b.maxReplyLineOctets;
    }

    /** The documented defaults (see the table above). */
    public static InputLimits defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxPayloadBytes = maxPayloadBytes;
        b.maxJsonNestingDepth = maxJsonNestingDepth;
        b.maxMessageBytes = maxMessageBytes;
        b.maxMimeDepth = maxMimeDepth;
        b.maxMimeParts = maxMimeParts;
        b.maxReplyLines = maxReplyLines;
        b.maxReplyLineOctets = maxReplyLineOctets;
        return b;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    public int maxJsonNestingDepth() {
        return maxJsonNestingDepth;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    public int maxMimeDepth() {
        return maxMimeDepth;
    }

    public int maxMimeParts() {
        return maxMimeParts;
    }

    public int maxReplyLines() {
        return maxReplyLines;
    }

    public int maxReplyLineOctets() {
        return maxReplyLineOctets;
    }

    /**
     * The one wording of a bound that was exceeded, for the parser's typed error.
     *
     * @param what what was measured ("webhook body length", "JSON nesting depth")
     * @param actual how much there was (or at least how much, when the parser stopped reading at the bound)
     * @param limit the accessor's name of the bound ({@code "maxPayloadBytes"})
     */
    public static String exceeded(String what, long actual, long max, String limit) {
        return what + " (" + actual + ") exceeds the maximum (" + max + ", InputLimits." + limit + ")";
    }

    @Override
    public String toString() {
        return "InputLimits[maxPayloadBytes=" + maxPayloadBytes + ", maxJsonNestingDepth=" + maxJsonNestingDepth + ", maxMessageBytes="
                + maxMessageBytes + ", maxMimeDepth=" + maxMimeDepth + ", maxMimeParts=" + maxMimeParts + ", maxReplyLines=" + maxReplyLines
                + ", maxReplyLineOctets=" + maxReplyLineOctets + "]";
    }

    /** Starts from the defaults; each setter takes a positive bound. */
    public static final class Builder {
        private int maxPayloadBytes = 10 * 1024 * 1024;
        private int maxJsonNestingDepth = 64;
        private int maxMessageBytes = 32 * 1024 * 1024;
        private int maxMimeDepth = 12;
        private int maxMimeParts = 500;
        private int maxReplyLines = 200;
        private int maxReplyLineOctets = 4096;

        private Builder() {
        }

        public Builder maxPayloadBytes(int bytes) {
            this.maxPayloadBytes = positive(bytes, "maxPayloadBytes");
            return this;
        }

        public Builder maxJsonNestingDepth(int depth) {
            this.maxJsonNestingDepth = positive(depth, "maxJsonNestingDepth");
            return this;
        }

        public Builder maxMessageBytes(int bytes) {
            this.maxMessageBytes = positive(bytes, "maxMessageBytes");
            return this;
        }

        public Builder maxMimeDepth(int depth) {
            this.maxMimeDepth = positive(depth, "maxMimeDepth");
            return this;
        }

        public Builder maxMimeParts(int parts) {
            this.maxMimeParts = positive(parts, "maxMimeParts");
            return this;
        }

        public Builder maxReplyLines(int lines) {
            this.maxReplyLines = positive(lines, "maxReplyLines");
            return this;
        }

        /** At least 512, the length RFC 5321 section 4.5.3.1.5 requires every server and client to accept. */
        public Builder maxReplyLineOctets(int octets) {
            if (octets < 512) {
                throw new IllegalArgumentException("maxReplyLineOctets must be at least 512 (RFC 5321 section 4.5.3.1.5), was " + octets);
            }
            this.maxReplyLineOctets = octets;
            return this;
        }

        public InputLimits build() {
            return new InputLimits(this);
        }

        private static int positive(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
