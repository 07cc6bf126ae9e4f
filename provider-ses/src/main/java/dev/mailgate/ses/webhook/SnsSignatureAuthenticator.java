package dev.mailgate.ses.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Amazon SNS message signature, as "Verifying the signatures of Amazon SNS messages" describes it
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html): {@code SignatureVersion} 1 is
 * SHA1withRSA, 2 is SHA256withRSA, over the documented string to sign ({@link SnsMessage#stringToSign()}), verified
 * with the public key of the certificate at {@code SigningCertURL}. That URL must be
 * {@code https://sns.<region>.amazonaws.com/...}: any other host, scheme, port or a user-info part is refused before
 * anything is fetched, since a certificate from anywhere else proves nothing. The certificate comes through a
 * {@link SnsCertificateFetcher} (HTTPS, cached, by default) and must be valid now. Following the page's advice, the
 * topics can be restricted ("Reject any message with an unexpected TopicArn").
 *
 * <p>Also checked: the {@value #MESSAGE_TYPE_HEADER} header SNS sends must be there and agree with the body's
 * {@code Type}, and the signed {@code Timestamp} must be within the replay window (default
 * {@link #DEFAULT_REPLAY_WINDOW}, because SNS redelivers a message with its original timestamp for as long as its
 * delivery policy retries; SNS documents no window, this is the library's choice).
 */
public final class SnsSignatureAuthenticator implements WebhookAuthenticator {
    public static final String MESSAGE_TYPE_HEADER = "x-amz-sns-message-type";
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofHours(1);
    private static final int MAX_BODY = 1024 * 1024;

    private final SnsCertificateFetcher fetcher;
    private final Set<String> topics;
    private final Duration window;
    private final Clock clock;

    private SnsSignatureAuthenticator(Builder b) {
        // the default is made only when needed: it holds an HttpClient, which a test's own fetcher should not start
        this.fetcher = b.fetcher != null ? b.fetcher : SnsCertificateFetcher.standard();
        this.topics = Set.copyOf(b.topics);
        this.window = b.window;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<String> reject(WebhookRequest request) {
        Optional<String> headerType = request.header(MESSAGE_TYPE_HEADER).map(String::strip);
        if (headerType.isEmpty()) {
            return Optional.of("sns: no " + MESSAGE_TYPE_HEADER + " header (not a delivery from Amazon SNS)");
        }
        if (request.body().length > MAX_BODY) {
            return Optional.of("sns: body of " + request.body().length + " bytes is larger than an SNS message can be");
        }
        SnsMessage m;
        try {
            JsonNode root = SesSnsCodec.JSON.readTree(request.body());
            m = SnsMessage.read("sns", root);
        } catch (IOException e) {
            return Optional.of("sns: the body is not JSON");
        } catch (CallbackFormatException e) {
            return Optional.of("sns: " + e.getMessage());
        }
        String who = " (message " + m.messageId() + ", topic " + m.topicArn() + ")";
        if (!headerType.get().equals(m.type())) {
            return Optional.of("sns: the " + MESSAGE_TYPE_HEADER + " header says " + headerType.get() + " but the body's Type is " + m.type() + who);
        }
        if (!topics.isEmpty() && !topics.contains(m.topicArn())) {
            return Optional.of("sns: topic " + m.topicArn() + " is not one of the expected topics " + topics + who);
        }
        String algorithm = switch (m.signatureVersion()) {
            case "1" -> "SHA1withRSA";
            case "2" -> "SHA256withRSA";
            default -> null;
        };
        if (algorithm == null) {
            return Optional.of("sns: SignatureVersion \"" + m.signatureVersion() + "\" is neither 1 nor 2" + who);
        }
        Instant signedAt;
        try {
            signedAt = Instant.parse(m.timestamp());
        } catch (DateTimeParseException e) {
            return Optional.of("sns: Timestamp \"" + m.timestamp() + "\" is not an ISO 8601 instant" + who);
        }
        Instant now = clock.instant();
        Duration skew = Duration.between(now, signedAt);
        if (skew.abs().compareTo(window) > 0) {
            return Optional.of("sns: Timestamp " + m.timestamp() + " is " + skew.abs().toSeconds() + " s " + (skew.isNegative() ? "behind" : "ahead of")
                    + " the clock (" + now + "); the replay window is " + window.toSeconds() + " s" + who);
        }
        Optional<URI> url = SnsMessage.snsUrl(m.signingCertUrl());
        if (url.isEmpty()) {
            return Optional.of("sns: SigningCertURL " + abbreviate(m.signingCertUrl()) + " is not https://sns.<region>.amazonaws.com/...; "
                    + "refused without fetching" + who);
        }
        X509Certificate cert;
        try {
            cert = fetcher.fetch(url.get());
            cert.checkValidity(Date.from(now));
        } catch (IOException | CertificateException e) {
            return Optional.of("sns: the signing certificate " + url.get() + " could not be used: " + e.getMessage() + who);
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(m.signature());
        } catch (IllegalArgumentException e) {
            return Optional.of("sns: Signature is not base64" + who);
        }
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initVerify(cert.getPublicKey());
            s.update(m.stringToSign());
            if (s.verify(signature)) {
                return Optional.empty();
            }
        } catch (java.security.SignatureException | java.security.InvalidKeyException e) {
            // a malformed signature or a non-RSA certificate: the same answer as a wrong signature
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is required of every Java platform", e);
        }
        return Optional.of("sns: the " + algorithm + " signature does not verify with the certificate " + url.get() + " (subject "
                + cert.getSubjectX500Principal().getName() + ")" + who);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? "\"" + s + "\"" : "\"" + s.substring(0, 80) + "...\"";
    }

    /** Certificate fetcher, expected topics, replay window and clock. */
    public static final class Builder {
        private SnsCertificateFetcher fetcher;
        private final Set<String> topics = new LinkedHashSet<>();
        private Duration window = DEFAULT_REPLAY_WINDOW;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** Where certificates come from; {@link SnsCertificateFetcher#standard()} by default. */
        public Builder certificateFetcher(SnsCertificateFetcher fetcher) {
            this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
            return this;
        }

        /** Accept only messages of this topic (may be called for several); every topic when never called. */
        public Builder topicArn(String arn) {
            topics.add(Objects.requireNonNull(arn, "arn"));
            return this;
        }

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

        public SnsSignatureAuthenticator build() {
            return new SnsSignatureAuthenticator(this);
        }
    }
}
