package dev.mailgate.resend.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.testing.webhook.CodecContract;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The contract with Svix signatures made here with secrets generated in the test, as Resend's dashboard shows them. */
class ResendWebhookCodecTest extends CodecContract {
    private static final byte[] KEY = random(24);
    private static final byte[] OTHER = random(24);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    private static final String OTHER_SECRET = "whsec_" + Base64.getEncoder().encodeToString(OTHER);

    @Override
    protected CallbackCodec codec() {
        return new ResendWebhookCodec();
    }

    @Override
    protected String fixtureDirectory() {
        return "resend";
    }

    @Override
    protected byte[] unknownKindPayload() {
        return fixture("unknown-kind.json");
    }

    @Override
    protected String unknownKind() {
        return "email.teleported";
    }

    @Override
    protected byte[] payloadNesting(String json) {
        return ("{\"type\":\"email.delivered\",\"data\":{\"to\":[\"jane@example.net\"],\"tags\":{\"x\":" + json + "}}}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected int maxPayloadBytes() {
        return InputLimits.defaults().maxPayloadBytes();
    }

    @Override
    protected byte[] validPayload() {
        return fixture("bounced-noemail.json");
    }

    @Override
    protected WebhookAuthenticator authenticator(Clock clock) {
        return SvixSignatureAuthenticator.builder(SECRET).clock(clock).build();
    }

    @Override
    protected WebhookRequest signedRequest(byte[] body, Instant at, boolean rightKey) {
        String id = "msg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(18));
        String ts = Long.toString(at.getEpochSecond());
        return WebhookRequest.post(Map.of("Content-Type", "application/json", "svix-id", id, "svix-timestamp", ts,
                "svix-signature", "v1," + sign(rightKey ? KEY : OTHER, id, ts, body)), body);
    }

    @Override
    protected List<String> authenticationHeaders() {
        return List.of("svix-id", "svix-timestamp", "svix-signature");
    }

    @Override
    protected Duration replayWindow() {
        return SvixSignatureAuthenticator.DEFAULT_REPLAY_WINDOW;
    }

    @Override
    protected List<String> secrets() {
        return List.of(SECRET, OTHER_SECRET, SECRET.substring(6), OTHER_SECRET.substring(6));
    }

    /** Svix's documented example: this secret, id, timestamp and body give this signature (docs.svix.com). */
    @Test
    void theDocumentedExampleVerifies() {
        String body = "{\"test\": 2432232314}";
        WebhookRequest r = WebhookRequest.post(Map.of("svix-id", "msg_p5jXN8AQM9LWM0D4loKWxJek", "svix-timestamp", "1614265330",
                "svix-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="), body.getBytes(StandardCharsets.UTF_8));
        Clock then = Clock.fixed(Instant.ofEpochSecond(1614265330), java.time.ZoneOffset.UTC);
        assertThat(SvixSignatureAuthenticator.builder("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").clock(then).build().reject(r)).isEmpty();
    }

    @Test
    void duringRotationAnySignatureWithAnySecretPassesAndOtherVersionsAreIgnored() {
        byte[] body = validPayload();
        String id = "msg_rotation";
        String ts = Long.toString(NOW.getEpochSecond());
        String both = "v1a,bm90IGFuIGVkMjU1MTkgc2lnbmF0dXJl v1," + sign(OTHER, id, ts, body) + " v1," + sign(KEY, id, ts, body);
        WebhookRequest r = WebhookRequest.post(Map.of("svix-id", id, "svix-timestamp", ts, "svix-signature", both), body);
        assertThat(authenticator(clock()).reject(r)).as("the old secret's signature is there too").isEmpty();
        WebhookAuthenticator rotating = SvixSignatureAuthenticator.builder(OTHER_SECRET).secret(SECRET).clock(clock()).build();
        assertThat(rotating.reject(signedRequest(body, NOW, true))).isEmpty();
        assertThat(rotating.reject(signedRequest(body, NOW, false))).isEmpty();
        WebhookRequest onlyV1a = WebhookRequest.post(Map.of("svix-id", id, "svix-timestamp", ts, "svix-signature", "v1a,AAAA"), body);
        assertThat(authenticator(clock()).reject(onlyV1a)).hasValueSatisfying(reason -> assertThat(reason).contains("no v1 signature"));
    }

    @Test
    void anExactReplayInsideTheWindowIsRefusedButARetrySignedAfreshPasses() {
        WebhookAuthenticator auth = SvixSignatureAuthenticator.builder(SECRET).clock(clock()).build();
        byte[] body = validPayload();
        String ts = Long.toString(NOW.getEpochSecond());
        WebhookRequest first = WebhookRequest.post(Map.of("svix-id", "msg_1", "svix-timestamp", ts, "svix-signature", "v1," + sign(KEY, "msg_1", ts,
                body)), body);
        assertThat(auth.reject(first)).isEmpty();
        assertThat(auth.reject(first)).hasValueSatisfying(reason -> assertThat(reason).contains("already accepted"));
        String later = Long.toString(NOW.getEpochSecond() + 60);
        WebhookRequest retry = WebhookRequest.post(Map.of("svix-id", "msg_1", "svix-timestamp", later, "svix-signature", "v1," + sign(KEY, "msg_1",
                later, body)), body);
        assertThat(auth.reject(retry)).as("Svix's retry: same id, new timestamp and signature").isEmpty();
    }

    @Test
    void whiteLabelledHeaderNamesAreReadAndBadSecretsAreRefusedAtConfiguration() {
        byte[] body = validPayload();
        String ts = Long.toString(NOW.getEpochSecond());
        WebhookRequest r = WebhookRequest.post(Map.of("webhook-id", "msg_2", "webhook-timestamp", ts, "webhook-signature", "v1," + sign(KEY, "msg_2",
                ts, body)), body);
        assertThat(authenticator(clock()).reject(r)).isEmpty();
        assertThatThrownBy(() -> SvixSignatureAuthenticator.builder("whsec_not*base64")).hasMessageContaining("whsec_");
        assertThatThrownBy(() -> SvixSignatureAuthenticator.builder("whsec_AAAA")).hasMessageContaining("too short");
        String reason = authenticator(clock()).reject(signedRequest(body, NOW, false)).orElseThrow();
        assertThat(reason).contains("sha256:").contains("matches the signing secrets");
    }

    static String sign(byte[] key, String id, String ts, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + ts + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
