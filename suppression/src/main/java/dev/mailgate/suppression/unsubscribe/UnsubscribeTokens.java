package dev.mailgate.suppression.unsubscribe;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
import dev.mailgate.core.message.EmailMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-click unsubscribe (RFC 8058 with RFC 2369's List-Unsubscribe): tokens that sign the recipient, the scope (a
 * campaign, or every mailing) and an expiry with HMAC-SHA256, so that the link in a message can only unsubscribe
 * its own recipient. Keys rotate: new tokens are signed with the current key, and tokens of every configured key
 * verify until that key is dropped.
 *
 * <p>Test e-mails get {@link #TEST_TOKEN}, which verifies as nothing: the generic SMTP integration says the
 * unsubscribe link does not work for test e-mails, and here that is explicit rather than an accident of a missing
 * campaign.
 */
public final class UnsubscribeTokens {
    /** The token of test e-mails; {@link #verify} refuses it with a message saying so. */
    public static final String TEST_TOKEN = "test-email";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final Map<String, byte[]> keys;
    private final String currentKey;
    private final Clock clock;

    private UnsubscribeTokens(Map<String, byte[]> keys, String currentKey, Clock clock) {
        if (!keys.containsKey(currentKey)) {
            throw new IllegalArgumentException("the current key \"" + currentKey + "\" is not among the keys " + keys.keySet());
        }
        keys.forEach((id, secret) -> {
            if (secret.length < 32) {
                throw new IllegalArgumentException("key \"" + id + "\" has " + secret.length + " bytes; at least 32 (256 bits) are required");
            }
            if (!id.matches("[A-Za-z0-9_-]{1,16}")) {
                throw new IllegalArgumentException("key id \"" + id + "\" must be 1-16 of [A-Za-z0-9_-]");
            }
        });
        this.keys = new LinkedHashMap<>();
        keys.forEach((id, secret) -> this.keys.put(id, secret.clone()));
        this.currentKey = currentKey;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param keys key id → secret (32+ bytes); several while rotating */
    public static UnsubscribeTokens of(Map<String, byte[]> keys, String currentKey, Clock clock) {
        return new UnsubscribeTokens(keys, currentKey, clock);
    }

    public static UnsubscribeTokens of(String keyId, byte[] secret) {
        return new UnsubscribeTokens(Map.of(keyId, secret), keyId, Clock.systemUTC());
    }

    /** A token for one recipient; {@code campaign} empty means every mailing. */
    public String issue(EmailAddress recipient, Optional<String> campaign, Duration validity) {
        long expires = clock.instant().plus(validity).getEpochSecond();
        String payload = String.join("\n", "v1", currentKey, recipient.address(), campaign.orElse(""), Long.toString(expires));
        return B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(mac(keys.get(currentKey), payload));
    }

    /** The request a token stands for. */
    public UnsubscribeRequest verify(String token) {
        if (TEST_TOKEN.equals(token)) {
            throw new InvalidTokenException("this is the unsubscribe link of a test e-mail; it unsubscribes nobody");
        }
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || dot == token.length() - 1 || token.length() > 2048) {
            throw new InvalidTokenException("malformed unsubscribe token");
        }
        String payload;
        byte[] signature;
        try {
            payload = new String(B64D.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            signature = B64D.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("malformed unsubscribe token: not base64url");
        }
        String[] f = payload.split("\n", -1);
        if (f.length != 5 || !f[0].equals("v1")) {
            throw new InvalidTokenException("malformed unsubscribe token: unknown layout");
        }
        byte[] key = keys.get(f[1]);
        if (key == null) {
            throw new InvalidTokenException("unsubscribe token signed with key \"" + f[1] + "\", which is not configured (rotated out?)");
        }
        if (!MessageDigest.isEqual(mac(key, payload), signature)) {
            throw new InvalidTokenException("unsubscribe token signature does not verify (forged or altered)");
        }
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(f[4]));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new InvalidTokenException("malformed unsubscribe token: expiry");
        }
        if (clock.instant().isAfter(expires)) {
            throw new InvalidTokenException("unsubscribe token expired at " + expires);
        }
        try {
            return new UnsubscribeRequest(EmailAddress.parse(f[2]), f[3].isEmpty() ? Optional.empty() : Optional.of(f[3]), expires, token);
        } catch (InvalidAddressException e) {
            throw new InvalidTokenException("unsubscribe token names no valid address");
        }
    }

    /**
     * Adds RFC 2369 {@code List-Unsubscribe} (the one-click https link with the token, and a mailto) and RFC 8058
     * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} to a message being built.
     *
     * @param endpoint the https URL that takes the POST; {@code t=TOKEN} is appended
     */
    public EmailMessage.Builder addHeaders(EmailMessage.Builder message, URI endpoint, Optional<URI> mailto, String token) {
        String sep = endpoint.getQuery() == null ? "?" : "&";
        URI link = URI.create(endpoint + sep + "t=" + token);
        message.listUnsubscribeOneClick(link);
        mailto.ifPresent(message::listUnsubscribe);
        return message;
    }

    private static byte[] mac(byte[] key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
