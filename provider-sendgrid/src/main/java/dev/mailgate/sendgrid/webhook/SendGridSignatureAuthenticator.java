package dev.mailgate.sendgrid.webhook;

import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Signed Event Webhook
 * (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features):
 * SendGrid signs each POST with an ECDSA key pair it generates; the signature (base64, ASN.1 DER) is in
 * {@value #SIGNATURE_HEADER}, over the bytes of the {@value #TIMESTAMP_HEADER} value followed by the raw body. The
 * verification key is the base64 DER (SubjectPublicKeyInfo) string the dashboard shows, a P-256 key; a PEM form of
 * it is accepted too. Several keys can be configured so that a key can be rotated without losing deliveries.
 *
 * <p>SendGrid documents no timestamp tolerance; the replay window (default {@link #DEFAULT_REPLAY_WINDOW}, either side
 * of the clock) is this library's choice, configurable. The reason for a refusal, for the log, names what failed,
 * the timestamp and the keys' fingerprints, never a key itself.
 */
public final class SendGridSignatureAuthenticator implements WebhookAuthenticator {
    public static final String SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature";
    public static final String TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp";
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofMinutes(5);

    private final List<PublicKey> keys;
    private final List<String> fingerprints;
    private final Duration window;
    private final Clock clock;

    private SendGridSignatureAuthenticator(Builder b) {
        if (b.keys.isEmpty()) {
            throw new IllegalArgumentException("at least one verification key is required");
        }
        this.keys = List.copyOf(b.keys);
        List<String> prints = new ArrayList<>();
        keys.forEach(k -> prints.add(fingerprint(k)));
        this.fingerprints = List.copyOf(prints);
        this.window = b.window;
        this.clock = b.clock;
    }

    /** @param verificationKey the key as the dashboard gives it: base64 of the DER public key (PEM accepted) */
    public static Builder builder(String verificationKey) {
        return new Builder().key(verificationKey);
    }

    @Override
    public Optional<String> reject(WebhookRequest request) {
        Optional<String> signature = request.header(SIGNATURE_HEADER).map(String::strip);
        Optional<String> timestamp = request.header(TIMESTAMP_HEADER).map(String::strip);
        if (signature.isEmpty() || signature.get().isEmpty()) {
            return Optional.of("sendgrid: no " + SIGNATURE_HEADER + " header (is the Signed Event Webhook enabled?)");
        }
        if (timestamp.isEmpty() || timestamp.get().isEmpty()) {
            return Optional.of("sendgrid: no " + TIMESTAMP_HEADER + " header");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.get());
        } catch (NumberFormatException e) {
            return Optional.of("sendgrid: " + TIMESTAMP_HEADER + " is not Unix seconds: " + abbreviate(timestamp.get()));
        }
        Instant now = clock.instant();
        Duration skew = Duration.between(now, Instant.ofEpochSecond(Math.max(-31_556_889_864_403_199L, Math.min(seconds, 31_556_889_864_403_199L))));
        if (skew.abs().compareTo(window) > 0) {
            return Optional.of("sendgrid: timestamp " + seconds + " is " + skew.abs().toSeconds() + " s " + (skew.isNegative() ? "behind" : "ahead of")
                    + " the clock (" + now + "); the replay window is " + window.toSeconds() + " s");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(signature.get());
        } catch (IllegalArgumentException e) {
            return Optional.of("sendgrid: " + SIGNATURE_HEADER + " is not base64");
        }
        byte[] ts = timestamp.get().getBytes(StandardCharsets.UTF_8);
        boolean verified = false;
        for (PublicKey key : keys) {
            verified |= verifies(key, ts, request.body(), der); // no early exit: every key is tried
        }
        return verified ? Optional.empty() : Optional.of("sendgrid: the signature does not verify over timestamp " + seconds + " and the "
                + request.body().length + "-byte body with any configured key " + fingerprints
                + " (wrong key, or the body was changed on the way: check that the raw bytes are passed)");
    }

    private static boolean verifies(PublicKey key, byte[] timestamp, byte[] body, byte[] der) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(key);
            s.update(timestamp);
            s.update(body);
            return s.verify(der);
        } catch (java.security.SignatureException malformedSignature) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withECDSA is required of every Java platform", e);
        }
    }

    /** Reads the dashboard's key and checks that it is the P-256 key the scheme uses. */
    static PublicKey parseKey(String text) {
        String b64 = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec p256 = p.getParameterSpec(ECParameterSpec.class);
            ECParameterSpec given = ((ECPublicKey) key).getParams();
            if (!given.getCurve().equals(p256.getCurve()) || !given.getGenerator().equals(p256.getGenerator())) {
                throw new IllegalArgumentException("the verification key is not on curve P-256, which SendGrid's ECDSA signatures use");
            }
            return key;
        } catch (IllegalArgumentException | ClassCastException | GeneralSecurityException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage() != null && iae.getMessage().contains("P-256")) {
                throw iae;
            }
            throw new IllegalArgumentException("not a base64 DER EC public key (copy the Verification Key from the Event Webhook "
                    + "settings): " + e.getMessage(), e);
        }
    }

    private static String fingerprint(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** Keys, replay window and clock. */
    public static final class Builder {
        private final List<PublicKey> keys = new ArrayList<>();
        private Duration window = DEFAULT_REPLAY_WINDOW;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Another accepted key, e.g. the new one while a key is being rotated. */
        public Builder key(String verificationKey) {
            keys.add(parseKey(Objects.requireNonNull(verificationKey, "verificationKey")));
            return this;
        }

        /** How far the signed timestamp may be from the clock, either way. */
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

        public SendGridSignatureAuthenticator build() {
            return new SendGridSignatureAuthenticator(this);
        }
    }
}
