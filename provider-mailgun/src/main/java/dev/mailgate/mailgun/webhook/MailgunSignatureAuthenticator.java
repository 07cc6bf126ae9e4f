package dev.mailgate.mailgun.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.webhook.ReplayCache;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mailgun's webhook signature, as "Securing Webhooks" describes it
 * (https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks): the body's
 * {@code signature} object carries {@code timestamp} (Unix seconds), {@code token} (50 random characters) and
 * {@code signature}, the hex HMAC-SHA256 of timestamp and token concatenated, keyed with the account's HTTP webhook
 * signing key. For a subaccount's domain, {@code parent-signature} is the same made with the primary account's key;
 * either is accepted, so the primary account's key verifies all subaccounts. The page's two further checks are done
 * too: the timestamp must be within the replay window of the clock, and a token is honoured once (a cache of the
 * tokens seen in the window).
 *
 * <p>Note what the scheme does not cover: the signature is over timestamp and token only, not over
 * {@code event-data}, so it proves the token came from Mailgun, not that the event was not changed. Mailgun documents
 * no tolerance; the default window {@link #DEFAULT_REPLAY_WINDOW} is this library's choice. Comparisons are
 * constant-time ({@link MessageDigest#isEqual}) and every key is tried, with no early exit.
 */
public final class MailgunSignatureAuthenticator implements WebhookAuthenticator {
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofMinutes(5);
    public static final int DEFAULT_TOKEN_CACHE_SIZE = 100_000;

    private final List<SecretKeySpec> keys;
    private final List<String> fingerprints;
    private final Duration window;
    private final Clock clock;
    /** Token → when it stops mattering (its timestamp is then outside the window anyway); oldest first. */
    private final ReplayCache tokens;

    private MailgunSignatureAuthenticator(Builder b) {
        if (b.keys.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook signing key is required");
        }
        this.keys = List.copyOf(b.keys);
        List<String> prints = new ArrayList<>();
        keys.forEach(k -> prints.add(fingerprint(k.getEncoded())));
        this.fingerprints = List.copyOf(prints);
        this.window = b.window;
        this.clock = b.clock;
        this.tokens = new ReplayCache(b.maxTokens);
    }

    /** @param signingKey the HTTP webhook signing key from the Mailgun control panel (not the API key) */
    public static Builder builder(String signingKey) {
        return new Builder().key(signingKey);
    }

    @Override
    public Optional<String> reject(WebhookRequest request) {
        if (request.body().length > InputLimits.defaults().maxPayloadBytes()) {
            return Optional.of("mailgun: body of " + request.body().length + " bytes is larger than a Mailgun event can be");
        }
        JsonNode signature;
        try {
            JsonNode root = MailgunWebhookCodec.JSON.readTree(request.body());
            signature = root == null ? null : root.get("signature");
        } catch (IOException e) {
            return Optional.of("mailgun: the body is not JSON, so it carries no signature (a legacy form-encoded webhook?)");
        }
        if (signature == null || !signature.isObject()) {
            return Optional.of("mailgun: no signature object in the body");
        }
        String timestamp = field(signature, "timestamp");
        String token = field(signature, "token");
        String given = field(signature, "signature").toLowerCase(Locale.ROOT);
        String parent = field(signature, "parent-signature").toLowerCase(Locale.ROOT);
        if (timestamp.isEmpty() || token.isEmpty() || given.isEmpty()) {
            return Optional.of("mailgun: the signature object lacks " + (timestamp.isEmpty() ? "timestamp" : token.isEmpty() ? "token" : "signature"));
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Optional.of("mailgun: signature.timestamp is not Unix seconds: " + (timestamp.length() > 40 ? timestamp.substring(0, 40) + "..." : timestamp));
        }
        Instant now = clock.instant();
        Instant at = Instant.ofEpochSecond(Math.max(-31_556_889_864_403_199L, Math.min(seconds, 31_556_889_864_403_199L)));
        Duration skew = Duration.between(now, at);
        if (skew.abs().compareTo(window) > 0) {
            return Optional.of("mailgun: timestamp " + seconds + " is " + skew.abs().toSeconds() + " s " + (skew.isNegative() ? "behind" : "ahead of")
                    + " the clock (" + now + "); the replay window is " + window.toSeconds() + " s");
        }
        byte[] signed = (timestamp + token).getBytes(StandardCharsets.UTF_8);
        byte[] givenBytes = given.getBytes(StandardCharsets.US_ASCII);
        byte[] parentBytes = parent.getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (SecretKeySpec key : keys) {
            byte[] expected = HexFormat.of().formatHex(hmac(key, signed)).getBytes(StandardCharsets.US_ASCII);
            match |= MessageDigest.isEqual(expected, givenBytes);
            match |= parentBytes.length > 0 && MessageDigest.isEqual(expected, parentBytes);
        }
        if (!match) {
            return Optional.of("mailgun: the signature of timestamp " + seconds + " and token " + token.substring(0, Math.min(8, token.length()))
                    + "... matches none of the configured signing keys " + fingerprints + (parent.isEmpty() ? "" : " (parent-signature checked too)")
                    + "; is the key the HTTP webhook signing key of this account?");
        }
        if (tokens.firstSight(token, at.plus(window), now)) {
            return Optional.empty();
        }
        return Optional.of("mailgun: token " + token.substring(0, Math.min(8, token.length())) + "... was already used; a replay of a "
                + "signed request (the token cache holds each token for the replay window)");
    }

    private static String field(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v == null || !(v.isTextual() || v.isNumber()) ? "" : v.asText().strip();
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    private static String fingerprint(byte[] key) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Keys, replay window, clock and token cache size. */
    public static final class Builder {
        private final List<SecretKeySpec> keys = new ArrayList<>();
        private Duration window = DEFAULT_REPLAY_WINDOW;
        private Clock clock = Clock.systemUTC();
        private int maxTokens = DEFAULT_TOKEN_CACHE_SIZE;

        private Builder() {
        }

        /** Another accepted signing key: the new one during a rotation, or a primary account's key. */
        public Builder key(String signingKey) {
            Objects.requireNonNull(signingKey, "signingKey");
            if (signingKey.isBlank()) {
                throw new IllegalArgumentException("the webhook signing key is blank");
            }
            keys.add(new SecretKeySpec(signingKey.strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return this;
        }

        /** How far the signed timestamp may be from the clock, either way; tokens are remembered as long. */
        public Builder replayWindow(Duration window) {
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("the replay window must be positive");
            }
            this.window = window;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The most tokens remembered (oldest forgotten first); {@value #DEFAULT_TOKEN_CACHE_SIZE} by default. */
        public Builder tokenCacheSize(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("the token cache needs room for at least one token");
            }
            this.maxTokens = max;
            return this;
        }

        public MailgunSignatureAuthenticator build() {
            return new MailgunSignatureAuthenticator(this);
        }
    }
}
