package dev.mailgate.core.dkim;

import dev.mailgate.core.address.DomainNames;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Signs rendered messages with a DKIM-Signature header field (RFC 6376; ed25519-sha256 from RFC 8463). Immutable and
 * thread-safe; give it to a transport (the SMTP transport signs the exact bytes it sends, before dot-stuffing) or
 * call {@link #sign(byte[])} yourself.
 *
 * <pre>{@code
 * DkimSigner signer = DkimSigner.builder("example.com", "s2026", DkimKeys.fromPem(Files.readString(keyFile)))
 *         .oversign("From", "Subject", "To")
 *         .build();
 * }</pre>
 */
public final class DkimSigner {
    /**
     * Header fields signed when present: the ones a reader sees or a client acts on (section 5.4.1 recommends these).
     * From is always signed.
     */
    public static final List<String> DEFAULT_HEADERS = List.of("From", "Reply-To", "Subject", "Date", "To", "Cc",
            "Message-ID", "In-Reply-To", "References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
            "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id", "Sender");
    private static final Pattern SELECTOR = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");
    private static final int FOLD_AT = 76;

    private final String domain;
    private final String selector;
    private final PrivateKey key;
    private final DkimAlgorithm algorithm;
    private final Canonicalization headerCanon;
    private final Canonicalization bodyCanon;
    private final List<String> headers;
    private final Set<String> oversign;
    private final boolean bodyLengthTag;
    private final String identity;
    private final Duration expireAfter;
    private final Clock clock;

    private DkimSigner(Builder b) {
        this.domain = b.domain;
        this.selector = b.selector;
        this.key = b.key;
        this.algorithm = DkimKeys.algorithmOf(b.key);
        this.headerCanon = b.headerCanon;
        this.bodyCanon = b.bodyCanon;
        LinkedHashSet<String> names = new LinkedHashSet<>();
        names.add("from");
        b.headers.forEach(h -> names.add(h.toLowerCase(Locale.ROOT)));
        this.headers = List.copyOf(names);
        this.oversign = Set.copyOf(b.oversign);
        this.bodyLengthTag = b.bodyLengthTag;
        this.identity = b.identity;
        this.expireAfter = b.expireAfter;
        this.clock = b.clock;
    }

    /**
     * @param domain the signing domain ({@code d=}); IDNs are converted to A-labels
     * @param selector the selector ({@code s=}) under which the public key is published
     * @param key an RSA (1024 to 4096 bits) or Ed25519 private key
     */
    public static Builder builder(String domain, String selector, PrivateKey key) {
        return new Builder(domain, selector, key);
    }

    /**
     * A selector as DNS and the {@code s=} tag take it: lower case, letters, digits, hyphens and dots (RFC 6376
     * section 3.1).
     *
     * @throws DkimException naming the bad selector
     */
    public static String selector(String selector) {
        if (selector == null || !SELECTOR.matcher(selector).matches()) {
            throw new DkimException("invalid DKIM selector \"" + Builder.printable(String.valueOf(selector)) + "\": letters, digits, hyphens and dots only (RFC 6376 section 3.1)");
        }
        return selector.toLowerCase(Locale.ROOT);
    }

    public String domain() {
        return domain;
    }

    public String selector() {
        return selector;
    }

    public DkimAlgorithm algorithm() {
        return algorithm;
    }

    /** Where the public key must be published: {@code <selector>._domainkey.<domain>}. */
    public String keyRecordName() {
        return selector + "._domainkey." + domain;
    }

    /** The message with a DKIM-Signature field prepended. The input must have CRLF line breaks (as rendered). */
    public byte[] sign(byte[] message) {
        return sign(ByteBuffer.wrap(message));
    }

    /** As {@link #sign(byte[])}, reading a buffer without copying it first. */
    public byte[] sign(ByteBuffer message) {
        byte[] m;
        int off;
        int len = message.remaining();
        if (message.hasArray() && !message.isReadOnly()) {
            m = message.array();
            off = message.arrayOffset() + message.position();
        } else {
            m = new byte[len];
            message.duplicate().get(m);
            off = 0;
        }
        String field = signatureField(m, off, off + len);
        byte[] prefix = (field + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[prefix.length + len];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(m, off, out, prefix.length, len);
        return out;
    }

    /** The DKIM-Signature header field for a message (folded, without its final CRLF). */
    public String signatureField(byte[] message) {
        return signatureField(message, 0, message.length);
    }

    private String signatureField(byte[] m, int start, int end) {
        int bodyStart = bodyStart(m, start, end);
        List<String[]> fields = fields(m, start, bodyStart < 0 ? end : bodyStart);
        MessageDigest sha = sha256();
        long bodyLength = bodyCanon.body(m, bodyStart < 0 ? end : bodyStart, end, sha, Long.MAX_VALUE);
        String bodyHash = Base64.getEncoder().encodeToString(sha.digest());

        // Section 5.4.2: each listed name signs the next instance from the bottom; an extra name oversigns, so
        // that an added field of that name breaks the signature.
        List<String> signedNames = new ArrayList<>();
        List<String> signedFields = new ArrayList<>();
        for (String name : headers) {
            List<String> instances = new ArrayList<>();
            for (String[] f : fields) {
                if (f[0].equals(name)) {
                    instances.add(f[1]);
                }
            }
            if (name.equals("from") && instances.isEmpty()) {
                throw new DkimException("the message has no From header field, which DKIM must sign (RFC 6376 section 5.4)");
            }
            for (int i = instances.size() - 1; i >= 0; i--) {
                signedNames.add(name);
                signedFields.add(instances.get(i));
            }
            if (oversign.contains(name)) {
                signedNames.add(name);
            }
        }

        long now = clock.instant().getEpochSecond();
        List<String> tags = new ArrayList<>();
        tags.add("v=1");
        tags.add("a=" + algorithm.tag());
        tags.add("c=" + headerCanon.tag() + "/" + bodyCanon.tag());
        tags.add("d=" + domain);
        tags.add("s=" + selector);
        if (identity != null) {
            tags.add("i=" + identity);
        }
        tags.add("t=" + now);
        if (expireAfter != null) {
            tags.add("x=" + (now + expireAfter.getSeconds()));
        }
        if (bodyLengthTag) {
            tags.add("l=" + bodyLength);
        }
        tags.add("h=" + String.join(":", signedNames));
        tags.add("bh=" + bodyHash);
        String unsigned = fold(tags);

        ByteArrayOutputStream data = new ByteArrayOutputStream(1024);
        for (String f : signedFields) {
            headerCanon.header(f, data, false);
        }
        headerCanon.header(unsigned, data, true);
        String b = Base64.getEncoder().encodeToString(signature(data.toByteArray()));
        return unsigned + foldValue(b, lastLineLength(unsigned));
    }

    private byte[] signature(byte[] data) {
        try {
            if (algorithm == DkimAlgorithm.ED25519_SHA256) {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(key);
                s.update(sha256().digest(data));
                return s.sign();
            }
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new DkimException("signing with the " + algorithm.tag() + " key failed: " + e.getMessage(), e);
        }
    }

    /** "DKIM-Signature: tag; tag; ... b=" folded before a tag that would pass the line limit. */
    private static String fold(List<String> tags) {
        StringBuilder out = new StringBuilder("DKIM-Signature:");
        int lineLength = out.length();
        List<String> all = new ArrayList<>(tags);
        all.add("b=");
        for (int i = 0; i < all.size(); i++) {
            String tag = all.get(i) + (i < all.size() - 1 ? ";" : "");
            for (String piece : splitLongTag(tag)) {
                if (lineLength + 1 + piece.length() > FOLD_AT && lineLength > 1) {
                    out.append("\r\n\t");
                    lineLength = 1;
                } else {
                    out.append(' ');
                    lineLength++;
                }
                out.append(piece);
                lineLength += piece.length();
            }
        }
        return out.toString();
    }

    /** An h= list split after its colons (FWS is allowed there), so it can be folded. */
    private static List<String> splitLongTag(String tag) {
        if (!tag.startsWith("h=") || tag.length() <= FOLD_AT - 2) {
            return List.of(tag);
        }
        List<String> pieces = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        for (String name : tag.split("(?<=:)")) {
            if (piece.length() + name.length() > FOLD_AT - 8 && piece.length() > 0) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
            piece.append(name);
        }
        pieces.add(piece.toString());
        // A piece is joined to the previous one by FWS, which the h= grammar allows only around the colons.
        return pieces;
    }

    /** The b= value, continued on new lines; FWS inside base64 is ignored by verifiers (section 3.5). */
    private static String foldValue(String value, int lineLength) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        int i = 0;
        int first = Math.max(8, FOLD_AT - lineLength);
        out.append(value, 0, Math.min(first, value.length()));
        i = Math.min(first, value.length());
        while (i < value.length()) {
            int n = Math.min(FOLD_AT - 1, value.length() - i);
            out.append("\r\n\t").append(value, i, i + n);
            i += n;
        }
        return out.toString();
    }

    private static int lastLineLength(String s) {
        int nl = s.lastIndexOf('\n');
        return nl < 0 ? s.length() : s.length() - nl;
    }

    /** Offset of the body (after the empty line), or -1 when the message is all header. */
    private static int bodyStart(byte[] m, int start, int end) {
        if (end - start >= 2 && m[start] == '\r' && m[start + 1] == '\n') {
            return start + 2;
        }
        for (int i = start; i + 3 < end; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    /** The header fields as {lower-case name, whole field without the final CRLF}, in order. */
    private static List<String[]> fields(byte[] m, int start, int end) {
        String block = new String(m, start, end - start, StandardCharsets.ISO_8859_1);
        List<String[]> out = new ArrayList<>();
        int i = 0;
        while (i < block.length()) {
            int lineEnd = block.indexOf("\r\n", i);
            if (lineEnd == i || lineEnd < 0 && i >= block.length()) {
                break;
            }
            int fieldEnd = lineEnd < 0 ? block.length() : lineEnd;
            while (fieldEnd + 2 < block.length() && (block.charAt(fieldEnd + 2) == ' ' || block.charAt(fieldEnd + 2) == '\t')) {
                int next = block.indexOf("\r\n", fieldEnd + 2);
                fieldEnd = next < 0 ? block.length() : next;
            }
            String field = block.substring(i, fieldEnd);
            int colon = field.indexOf(':');
            if (colon > 0) {
                out.add(new String[] {field.substring(0, colon).strip().toLowerCase(Locale.ROOT), field});
            }
            i = fieldEnd + 2;
        }
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Settings of a {@link DkimSigner}; defaults: relaxed/relaxed, {@link #DEFAULT_HEADERS}, no oversigning, no l=. */
    public static final class Builder {
        private final String domain;
        private final String selector;
        private final PrivateKey key;
        private Canonicalization headerCanon = Canonicalization.RELAXED;
        private Canonicalization bodyCanon = Canonicalization.RELAXED;
        private List<String> headers = DEFAULT_HEADERS;
        private final Set<String> oversign = new LinkedHashSet<>();
        private boolean bodyLengthTag;
        private String identity;
        private Duration expireAfter;
        private Clock clock = Clock.systemUTC();

        private Builder(String domain, String selector, PrivateKey key) {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(selector, "selector");
            this.key = Objects.requireNonNull(key, "key");
            try {
                this.domain = DomainNames.normalize(domain);
            } catch (IllegalArgumentException e) {
                throw new DkimException("invalid DKIM signing domain: " + e.getMessage(), e);
            }
            this.selector = selector(selector);
            DkimAlgorithm algorithm = DkimKeys.algorithmOf(key);
            int bits = DkimKeys.keyBits(key);
            if (algorithm == DkimAlgorithm.RSA_SHA256 && (bits < 1024 || bits > 4096)) {
                throw new DkimException("an RSA key of " + bits + " bits cannot be used: DKIM keys must have 1024 to 4096 bits (RFC 8301 section 3.2)");
            }
        }

        /** {@code c=}: header and body canonicalization. */
        public Builder canonicalization(Canonicalization header, Canonicalization body) {
            this.headerCanon = Objects.requireNonNull(header, "header");
            this.bodyCanon = Objects.requireNonNull(body, "body");
            return this;
        }

        /** The header fields to sign when present (From is always signed). */
        public Builder headers(List<String> names) {
            names.forEach(Builder::checkName);
            this.headers = List.copyOf(names);
            return this;
        }

        /**
         * Fields listed once more than they occur (section 8.15): a From, Subject or To added in transit then breaks
         * the signature instead of showing above the signed one. Oversigned fields are signed too.
         */
        public Builder oversign(String... names) {
            List<String> all = new ArrayList<>(headers);
            for (String name : names) {
                checkName(name);
                oversign.add(name.toLowerCase(Locale.ROOT));
                if (all.stream().noneMatch(name::equalsIgnoreCase)) {
                    all.add(name);
                }
            }
            this.headers = List.copyOf(all);
            return this;
        }

        /**
         * Whether to declare the body length ({@code l=}). Off by default: with it, anyone can append content that
         * still verifies (section 8.2).
         */
        public Builder bodyLengthTag(boolean on) {
            this.bodyLengthTag = on;
            return this;
        }

        /** The agent or user identifier {@code i=}; must be in the signing domain or a subdomain of it. */
        public Builder identity(String auid) {
            String value = Objects.requireNonNull(auid, "auid");
            int at = value.lastIndexOf('@');
            String host = at < 0 ? "" : value.substring(at + 1).toLowerCase(Locale.ROOT);
            if (at < 0 || !(host.equals(domain) || host.endsWith("." + domain)) || value.chars().anyMatch(c -> c <= ' ' || c == ';' || c > '~')) {
                throw new DkimException("invalid DKIM identity \"" + printable(value) + "\": must be [local]@" + domain + " or a subdomain (RFC 6376 section 3.5, i=)");
            }
            this.identity = value;
            return this;
        }

        /** Adds {@code x=}: the signature expires this long after signing. */
        public Builder expireAfter(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) {
                throw new DkimException("expireAfter must be positive, was " + ttl);
            }
            this.expireAfter = ttl;
            return this;
        }

        /** The clock of {@code t=} (and {@code x=}). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public DkimSigner build() {
            return new DkimSigner(this);
        }

        private static void checkName(String name) {
            if (name == null || !FIELD_NAME.matcher(name).matches()) {
                throw new DkimException("invalid header field name to sign: \"" + printable(String.valueOf(name)) + "\"");
            }
        }

        private static String printable(String s) {
            return s.replace("\r", "\\r").replace("\n", "\\n");
        }
    }
}
