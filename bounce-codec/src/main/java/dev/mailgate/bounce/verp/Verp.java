package dev.mailgate.bounce.verp;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Variable envelope return paths: the envelope sender of each message names its recipient, so a bounce is
 * attributed by the address it comes back to even when its body names nobody.
 *
 * <p>Form: {@code <prefix>+<local>=<domain>[+<token>]-<mac>@<return domain>}, e.g.
 * {@code bounces+jane=example.org+c42-k3v9q2ma@mta.example.com}, with {@code mac} the first 40 bits of
 * HMAC-SHA256 over the lower-cased {@code local=domain[+token]}, base32. Forged or altered addresses do not decode.
 * Everything compares case-insensitively, because MTAs are allowed to change the case of local parts on the way
 * back. With {@link #tokenOnly} the recipient is not in the address at all, only an application token (a send id),
 * which is CloudMailin's {@code bounces+12345@mta.example.com} shape.
 *
 * <p>RFC 5321 4.5.3.1.1 limits a local part to 64 octets; an address that would exceed it is refused with a
 * {@link VerpException} rather than sent and silently truncated by some relay (use a token then).
 */
public final class Verp {
    private static final int LOCAL_PART_LIMIT = 64;
    private static final int MAC_CHARS = 8;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._]{1,40}");
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final String prefix;
    private final String domain;
    private final SecretKeySpec key;
    private final boolean tokenOnly;

    private Verp(String prefix, String domain, byte[] secret, boolean tokenOnly) {
        if (!prefix.matches("[A-Za-z0-9._-]{1,30}")) {
            throw new IllegalArgumentException("VERP prefix must be 1-30 of [A-Za-z0-9._-], was \"" + prefix + "\"");
        }
        if (secret.length < 16) {
            throw new IllegalArgumentException("VERP secret must have at least 16 bytes (128 bits), had " + secret.length);
        }
        this.prefix = prefix;
        this.domain = EmailAddress.parse(prefix + "@" + Objects.requireNonNull(domain, "domain")).normalizedDomain();
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.tokenOnly = tokenOnly;
    }

    /** Return paths that carry the recipient (and optionally a token), e.g. {@code bounces+jane=example.org-...@mta.example.com}. */
    public static Verp addressBased(String prefix, String returnDomain, byte[] secret) {
        return new Verp(prefix, returnDomain, secret, false);
    }

    /** Return paths that carry only an application token, e.g. {@code bounces+12345-...@mta.example.com}. */
    public static Verp tokenOnly(String prefix, String returnDomain, byte[] secret) {
        return new Verp(prefix, returnDomain, secret, true);
    }

    public EmailAddress encode(EmailAddress recipient) {
        if (tokenOnly) {
            throw new VerpException("this VERP scheme carries tokens only; use encode(token)");
        }
        return build(payload(recipient, null));
    }

    /** @param token letters, digits, dot and underscore, at most 40 */
    public EmailAddress encode(EmailAddress recipient, String token) {
        checkToken(token);
        if (tokenOnly) {
            throw new VerpException("this VERP scheme carries tokens only; use encode(token)");
        }
        return build(payload(recipient, token));
    }

    /** For {@link #tokenOnly} schemes. */
    public EmailAddress encode(String token) {
        checkToken(token);
        if (!tokenOnly) {
            throw new VerpException("this VERP scheme carries the recipient; use encode(recipient, token)");
        }
        return build(token);
    }

    /**
     * Decodes a return path of this scheme. Empty when the address is not one (another domain or prefix), is
     * malformed, or its MAC does not verify (a forged bounce).
     */
    public Optional<VerpAddress> decode(String address) {
        String a = address.strip();
        if (a.startsWith("<") && a.endsWith(">")) {
            a = a.substring(1, a.length() - 1);
        }
        int at = a.lastIndexOf('@');
        if (at <= 0 || !a.substring(at + 1).toLowerCase(Locale.ROOT).equals(domain)) {
            return Optional.empty();
        }
        String local = a.substring(0, at);
        String head = prefix + "+";
        if (!local.regionMatches(true, 0, head, 0, head.length())) {
            return Optional.empty();
        }
        int dash = local.lastIndexOf('-');
        if (dash <= head.length() || local.length() - dash - 1 != MAC_CHARS) {
            return Optional.empty();
        }
        String payload = local.substring(head.length(), dash);
        String mac = local.substring(dash + 1).toLowerCase(Locale.ROOT);
        if (!MessageDigest.isEqual(mac(payload).getBytes(StandardCharsets.US_ASCII), mac.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        if (tokenOnly) {
            return Optional.of(new VerpAddress(Optional.empty(), Optional.of(payload)));
        }
        int eq = payload.lastIndexOf('=');
        if (eq <= 0) {
            return Optional.empty();
        }
        String rest = payload.substring(eq + 1);
        int plus = rest.indexOf('+');
        String recipientDomain = plus < 0 ? rest : rest.substring(0, plus);
        Optional<String> token = plus < 0 ? Optional.empty() : Optional.of(rest.substring(plus + 1));
        try {
            EmailAddress recipient = EmailAddress.parse(payload.substring(0, eq) + "@" + recipientDomain);
            return Optional.of(new VerpAddress(Optional.of(recipient), token));
        } catch (InvalidAddressException e) {
            return Optional.empty();
        }
    }

    private String payload(EmailAddress recipient, String token) {
        if (recipient.requiresSmtpUtf8()) {
            throw new VerpException("VERP cannot carry the internationalized address " + recipient.address()
                    + " in an ASCII return path; use a token");
        }
        String local = recipient.localPart();
        if (local.startsWith("\"")) {
            throw new VerpException("VERP cannot carry the quoted local part of " + recipient.address() + "; use a token");
        }
        return local + "=" + recipient.asciiDomain().toLowerCase(Locale.ROOT) + (token == null ? "" : "+" + token);
    }

    private EmailAddress build(String payload) {
        String local = prefix + "+" + payload + "-" + mac(payload);
        if (local.length() > LOCAL_PART_LIMIT) {
            throw new VerpException("VERP return path local part would be " + local.length() + " octets, over the "
                    + LOCAL_PART_LIMIT + " of RFC 5321 4.5.3.1.1: \"" + local + "\"; use a token-only scheme");
        }
        return EmailAddress.parse(local + "@" + domain);
    }

    private static void checkToken(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new VerpException("VERP token must be 1-40 of [A-Za-z0-9._], was \"" + token + "\"");
        }
    }

    private String mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] h = mac.doFinal(payload.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 5; i++) {
                bits = (bits << 8) | (h[i] & 0xff);
            }
            char[] out = new char[MAC_CHARS];
            for (int i = MAC_CHARS - 1; i >= 0; i--) {
                out[i] = BASE32[(int) (bits & 31)];
                bits >>>= 5;
            }
            return new String(out);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "Verp[" + prefix + "+...@" + domain + (tokenOnly ? ", token only" : "") + "]";
    }
}
