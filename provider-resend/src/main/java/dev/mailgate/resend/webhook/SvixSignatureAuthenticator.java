package dev.mailgate.resend.webhook;

import dev.mailgate.core.webhook.ReplayCache;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Svix webhook signature, which Resend's webhooks carry ("Verify Webhooks Requests",
 * https://resend.com/docs/webhooks/verify-webhooks-requests; the scheme itself: "Verifying Webhooks Manually",
 * https://docs.svix.com/receiving/verifying-payloads/how-manual). Three headers: {@value #ID_HEADER} (the message's
 * id, the same on every retry), {@value #TIMESTAMP_HEADER} (Unix seconds) and {@value #SIGNATURE_HEADER}, a
 * space-delimited list of {@code v1,<base64>} signatures. Each is the HMAC-SHA256 of {@code id.timestamp.body} (the raw
 * body) keyed with the base64-decoded part of the {@code whsec_...} signing secret after the prefix. The list has
 * several entries while a secret is being rotated, and several secrets can be configured here; the request passes when
 * any signature matches any secret. Entries of other versions (e.g. {@code v1a}, asymmetric) are ignored.
 *
 * <p>Svix's libraries allow a timestamp 5 minutes either side of the clock; that is the default replay window here,
 * configurable. The id and timestamp of every verified request are remembered for the window (a bounded cache), so an
 * exact replay inside the window is refused too, while Svix's retries, which are signed afresh with a new timestamp,
 * pass. The {@code webhook-id}/{@code -timestamp}/{@code -signature} names of white-labelled Svix (Standard Webhooks)
 * are read when the {@code svix-} ones are absent. Every comparison is constant-time ({@link MessageDigest#isEqual})
 * and every secret is tried against every signature with no early exit. A refusal's reason, for the log, names the
 * message id, the timestamp and the secrets' fingerprints, never a secret.
 */
public final class SvixSignatureAuthenticator implements WebhookAuthenticator {
    public static final String ID_HEADER = "svix-id";
    public static final String TIMESTAMP_HEADER = "svix-timestamp";
    public static final String SIGNATURE_HEADER = "svix-signature";
    /** The tolerance of Svix's own libraries. */
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofMinutes(5);
    public static final int DEFAULT_SEEN_CACHE_SIZE = 100_000;
    private static final String PREFIX = "whsec_";

    private final String provider;
    private final List<SecretKeySpec> keys;
    private final List<String> fingerprints;
    private final Duration window;
    private final Clock clock;
    /** "id.timestamp" of verified requests → when it leaves the window; oldest first. */
    private final ReplayCache seen;

    private SvixSignatureAuthenticator(Builder b) {
        if (b.keys.isEmpty()) {
            throw new IllegalArgumentException("at least one signing secret (whsec_...) is required");
        }
        this.provider = b.provider;
        this.keys = List.copyOf(b.keys);
        List<String> prints = new ArrayList<>();
        keys.forEach(k -> prints.add(fingerprint(k.getEncoded())));
        this.fingerprints = List.copyOf(prints);
        this.window = b.window;
        this.clock = b.clock;
        this.seen = new ReplayCache(b.maxSeen);
    }

    /** @param signingSecret the endpoint's signing secret as the dashboard shows it, {@code whsec_<base64>} */
    public static Builder builder(String signingSecret) {
        return new Builder().secret(signingSecret);
    }

    @Override
    public Optional<String> reject(WebhookRequest request) {
        Optional<String> id = header(request, ID_HEADER);
        Optional<String> timestamp = header(request, TIMESTAMP_HEADER);
        Optional<String> signatures = header(request, SIGNATURE_HEADER);
        if (id.isEmpty() || timestamp.isEmpty() || signatures.isEmpty()) {
            String missing = id.isEmpty() ? ID_HEADER : timestamp.isEmpty() ? TIMESTAMP_HEADER : SIGNATURE_HEADER;
            return Optional.of(provider + ": no " + missing + " header (is the request from the Svix-signed webhook, passed with its headers?)");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.get());
        } catch (NumberFormatException e) {
            return Optional.of(provider + ": " + TIMESTAMP_HEADER + " is not Unix seconds: " + abbreviate(timestamp.get()));
        }
        Instant now = clock.instant();
        Instant at = Instant.ofEpochSecond(Math.max(-31_556_889_864_403_199L, Math.min(seconds, 31_556_889_864_403_199L)));
        Duration skew = Duration.between(now, at);
        if (skew.abs().compareTo(window) > 0) {
            return Optional.of(provider + ": message " + abbreviate(id.get()) + " has timestamp " + seconds + ", " + skew.abs().toSeconds() + " s "
                    + (skew.isNegative() ? "behind" : "ahead of") + " the clock (" + now + "); the replay window is " + window.toSeconds() + " s");
        }
        List<byte[]> given = new ArrayList<>();
        for (String entry : signatures.get().split(" ")) {
            int comma = entry.indexOf(',');
            if (comma > 0 && entry.substring(0, comma).equals("v1")) {
                try {
                    given.add(Base64.getDecoder().decode(entry.substring(comma + 1)));
                } catch (IllegalArgumentException malformed) {
                    // an entry that is not base64 matches nothing; the others are still tried
                }
            }
        }
        if (given.isEmpty()) {
            return Optional.of(provider + ": " + SIGNATURE_HEADER + " has no v1 signature");
        }
        byte[] signed = signedContent(id.get(), timestamp.get(), request.body());
        boolean match = false;
        for (SecretKeySpec key : keys) {
            byte[] expected = hmac(key, signed);
            for (byte[] g : given) {
                match |= MessageDigest.isEqual(expected, g);
            }
        }
        if (!match) {
            return Optional.of(provider + ": none of the " + given.size() + " v1 signature(s) of message " + abbreviate(id.get()) + " (timestamp "
                    + seconds + ", " + request.body().length + "-byte body) matches the signing secrets " + fingerprints
                    + " (wrong secret, or the body was changed on the way: pass the raw bytes)");
        }
        return seen.firstSight(id.get() + "." + timestamp.get(), at.plus(window), now)
                ? Optional.empty()
                : Optional.of(provider + ": message " + abbreviate(id.get()) + " with timestamp " + seconds + " was already accepted; a replay inside "
                        + "the window (Svix signs each retry afresh, so this is not a retry)");
    }

    static byte[] signedContent(String id, String timestamp, byte[] body) {
        byte[] head = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + body.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(body, 0, out, head.length, body.length);
        return out;
    }

    private static Optional<String> header(WebhookRequest request, String name) {
        return request.header(name).or(() -> request.header(name.replace("svix-", "webhook-"))).map(String::strip).filter(s -> !s.isEmpty());
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

    private static String abbreviate(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "...";
    }

    /** Secrets, replay window, clock and the name in log lines. */
    public static final class Builder {
        private final List<SecretKeySpec> keys = new ArrayList<>();
        private String provider = "resend";
        private Duration window = DEFAULT_REPLAY_WINDOW;
        private Clock clock = Clock.systemUTC();
        private int maxSeen = DEFAULT_SEEN_CACHE_SIZE;

        private Builder() {
        }

        /** Another accepted secret, e.g. the new one while the endpoint's secret is rotated. */
        public Builder secret(String signingSecret) {
            Objects.requireNonNull(signingSecret, "signingSecret");
            String s = signingSecret.strip();
            String b64 = s.startsWith(PREFIX) ? s.substring(PREFIX.length()) : s;
            byte[] key;
            try {
                key = Base64.getDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a Svix signing secret: expected whsec_ followed by base64 (copy it from the webhook's page)");
            }
            if (key.length < 16) {
                throw new IllegalArgumentException("the signing secret decodes to " + key.length + " bytes, too short for a Svix secret (they are 24 bytes and more)");
            }
            keys.add(new SecretKeySpec(key, "HmacSHA256"));
            return this;
        }

        /** How far the signed timestamp may be from the clock, either way; verified requests are remembered as long. */
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

        /** The most verified requests remembered against replay (oldest forgotten first). */
        public Builder seenCacheSize(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("the cache needs room for at least one request");
            }
            this.maxSeen = max;
            return this;
        }

        /** The name that starts each log line, {@code resend} by default (other Svix senders use this class too). */
        public Builder provider(String name) {
            this.provider = Objects.requireNonNull(name, "name");
            return this;
        }

        public SvixSignatureAuthenticator build() {
            return new SvixSignatureAuthenticator(this);
        }
    }
}
