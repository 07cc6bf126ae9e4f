package dev.mailgate.ses.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.EventType;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.testing.webhook.CodecContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract for SES through SNS: requests are signed here as SNS signs them, with a key whose certificate a local
 * fetcher hands out for the SigningCertURL; nothing is fetched from the internet.
 */
class SesSnsCodecTest extends CodecContract {
    private static final String CERT_URL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem";
    private static final SnsTestCertificates SNS = SnsTestCertificates.generate("-365d", 3650);
    private static final SnsTestCertificates OTHER = SnsTestCertificates.generate("-365d", 3650);

    private final List<URI> fetched = new ArrayList<>();
    private final SnsCertificateFetcher local = url -> {
        fetched.add(url);
        if (!url.toString().equals(CERT_URL)) {
            throw new IOException("404 for " + url);
        }
        return SNS.certificate();
    };

    @Override
    protected CallbackCodec codec() {
        return SesSnsCodec.builder().build();
    }

    @Override
    protected String fixtureDirectory() {
        return "ses";
    }

    @Override
    protected byte[] unknownKindPayload() {
        return fixture("unknown-kind.json");
    }

    @Override
    protected String unknownKind() {
        return "AmazonSnsSubscriptionSucceeded";
    }

    @Override
    protected byte[] payloadNesting(String json) {
        return ("{\"Type\":\"Notification\",\"MessageId\":\"m\",\"TopicArn\":\"t\",\"Timestamp\":\"2026-11-23T12:00:00Z\",\"Message\":\"x\","
                + "\"Extra\":" + json + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected int maxPayloadBytes() {
        return InputLimits.defaults().maxPayloadBytes();
    }

    @Override
    protected byte[] validPayload() {
        return fixture("bounce-permanent-general.json");
    }

    @Override
    protected WebhookAuthenticator authenticator(Clock clock) {
        return SnsSignatureAuthenticator.builder().certificateFetcher(local).clock(clock).build();
    }

    @Override
    protected WebhookRequest signedRequest(byte[] body, Instant at, boolean rightKey) {
        return sign(body, at, rightKey ? SNS : OTHER, "2", CERT_URL);
    }

    @Override
    protected List<String> authenticationHeaders() {
        return List.of(SnsSignatureAuthenticator.MESSAGE_TYPE_HEADER);
    }

    @Override
    protected Duration replayWindow() {
        return SnsSignatureAuthenticator.DEFAULT_REPLAY_WINDOW;
    }

    @Override
    protected List<WebhookRequest> missingCredentials(WebhookRequest signed) {
        List<WebhookRequest> out = new ArrayList<>(super.missingCredentials(signed));
        for (String field : List.of("Signature", "SigningCertURL", "SignatureVersion")) {
            ObjectNode root = parse(signed.body());
            root.remove(field);
            out.add(new WebhookRequest(signed.method(), signed.headers(), bytes(root)));
        }
        return out;
    }

    /** The signature covers fields, not bytes: what must fail is a changed field, here the SES message inside. */
    @Override
    protected WebhookRequest tampered(WebhookRequest signed) {
        ObjectNode root = parse(signed.body());
        root.put("Message", root.get("Message").asText().replace("nobody@example.net", "someone@example.net"));
        return new WebhookRequest(signed.method(), signed.headers(), bytes(root));
    }

    @Test
    void signatureVersion1IsSha1WithRsa() {
        assertThat(authenticator(clock()).reject(sign(validPayload(), NOW, SNS, "1", CERT_URL))).isEmpty();
        WebhookRequest v2AsV1 = signedRequest(validPayload(), NOW, true);
        ObjectNode root = parse(v2AsV1.body());
        root.put("SignatureVersion", "1");
        assertThat(authenticator(clock()).reject(new WebhookRequest("POST", v2AsV1.headers(), bytes(root)))).isPresent();
        assertThat(authenticator(clock()).reject(sign(validPayload(), NOW, SNS, "3", CERT_URL)))
                .hasValueSatisfying(r -> assertThat(r).contains("neither 1 nor 2"));
    }

    @Test
    void aCertificateUrlOffAnSnsHostIsRefusedWithoutFetching() {
        for (String url : List.of("http://sns.eu-west-1.amazonaws.com/cert.pem", "https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem",
                "https://evil.example/sns.eu-west-1.amazonaws.com/cert.pem", "https://user@sns.eu-west-1.amazonaws.com/cert.pem",
                "https://sns.eu-west-1.amazonaws.com:8443/cert.pem", "https://s3.eu-west-1.amazonaws.com/cert.pem", "not a url")) {
            assertThat(authenticator(clock()).reject(sign(validPayload(), NOW, SNS, "2", url))).as(url)
                    .hasValueSatisfying(r -> assertThat(r).contains("refused without fetching"));
        }
        assertThat(fetched).isEmpty();
    }

    @Test
    void certificatesAreCachedAndAnExpiredOneIsRefused() {
        AtomicInteger calls = new AtomicInteger();
        SnsCertificateFetcher cached = SnsCertificateFetcher.caching(url -> {
            calls.incrementAndGet();
            return SNS.certificate();
        }, 4);
        WebhookAuthenticator auth = SnsSignatureAuthenticator.builder().certificateFetcher(cached).clock(clock()).build();
        assertThat(auth.reject(signedRequest(validPayload(), NOW, true))).isEmpty();
        assertThat(auth.reject(signedRequest(validPayload(), NOW, true))).isEmpty();
        assertThat(calls).hasValue(1);
        SnsTestCertificates expired = SnsTestCertificates.generate("-10d", 1);
        WebhookAuthenticator old = SnsSignatureAuthenticator.builder().certificateFetcher(url -> expired.certificate()).build();
        assertThat(old.reject(sign(validPayload(), Instant.now(), expired, "2", CERT_URL)))
                .hasValueSatisfying(r -> assertThat(r).contains("could not be used"));
        assertThat(SnsSignatureAuthenticator.builder().certificateFetcher(url -> expired.certificate()).clock(Clock.fixed(
                expired.certificate().getNotBefore().toInstant().plusSeconds(60), java.time.ZoneOffset.UTC)).build()
                .reject(sign(validPayload(), expired.certificate().getNotBefore().toInstant().plusSeconds(60), expired, "2", CERT_URL))).isEmpty();
    }

    @Test
    void onlyTheExpectedTopicsAndAConsistentTypeHeaderAreAccepted() {
        WebhookAuthenticator only = SnsSignatureAuthenticator.builder().certificateFetcher(local).clock(clock())
                .topicArn("arn:aws:sns:eu-west-1:123456789012:other-topic").build();
        assertThat(only.reject(signedRequest(validPayload(), NOW, true))).hasValueSatisfying(r -> assertThat(r).contains("not one of the expected"));
        WebhookRequest signed = signedRequest(validPayload(), NOW, true);
        WebhookRequest lying = WebhookRequest.post(Map.of(SnsSignatureAuthenticator.MESSAGE_TYPE_HEADER, "SubscriptionConfirmation"), signed.body());
        assertThat(authenticator(clock()).reject(lying)).hasValueSatisfying(r -> assertThat(r).contains("header says"));
    }

    @Test
    void aSubscriptionConfirmationIsVerifiedReportedAndHandedToTheCallback() {
        WebhookRequest signed = signedRequest(fixture("subscription-confirmation.json"), NOW, true);
        assertThat(authenticator(clock()).reject(signed)).isEmpty();
        List<SnsSubscription> got = new ArrayList<>();
        List<MailEvent> events = SesSnsCodec.builder().onSubscriptionConfirmation(got::add).build().decode(signed.body(), NOW);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.UNKNOWN);
            assertThat(((MailEvent.Unknown) e).kind()).isEqualTo("SubscriptionConfirmation");
        });
        assertThat(got).singleElement().satisfies(s -> {
            assertThat(s.subscribeUrl().getHost()).isEqualTo("sns.eu-west-1.amazonaws.com");
            assertThat(s.topicArn()).isEqualTo("arn:aws:sns:eu-west-1:123456789012:ses-notifications");
            assertThat(s.token()).startsWith("2336412f37");
        });
        // the Token and SubscribeURL are signed: changing them breaks the signature
        ObjectNode root = parse(signed.body());
        root.put("SubscribeURL", "https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=x&Token=y");
        assertThat(authenticator(clock()).reject(new WebhookRequest("POST", signed.headers(), bytes(root)))).isPresent();
    }

    private static WebhookRequest sign(byte[] body, Instant at, SnsTestCertificates with, String version, String certUrl) {
        ObjectNode root = parse(body);
        root.put("Timestamp", at.toString());
        root.put("SignatureVersion", version);
        root.put("SigningCertURL", certUrl);
        SnsMessage m = SnsMessage.read("test", root);
        try {
            Signature s = Signature.getInstance(version.equals("1") ? "SHA1withRSA" : "SHA256withRSA");
            s.initSign(with.key());
            s.update(m.stringToSign());
            root.put("Signature", Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return WebhookRequest.post(Map.of(SnsSignatureAuthenticator.MESSAGE_TYPE_HEADER, m.type(), "Content-Type", "text/plain; charset=UTF-8"),
                bytes(root));
    }

    private static ObjectNode parse(byte[] body) {
        try {
            return (ObjectNode) SesSnsCodec.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ObjectNode root) {
        return root.toString().getBytes(StandardCharsets.UTF_8);
    }
}
