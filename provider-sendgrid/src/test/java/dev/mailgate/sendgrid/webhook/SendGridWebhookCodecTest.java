package dev.mailgate.sendgrid.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.testing.webhook.CodecContract;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract, with key pairs generated here standing in for the one SendGrid generates for an account. */
class SendGridWebhookCodecTest extends CodecContract {
    private static final KeyPair SENDGRID = p256();
    private static final KeyPair OTHER = p256();
    private static final String DASHBOARD_KEY = Base64.getEncoder().encodeToString(SENDGRID.getPublic().getEncoded());

    @Override
    protected CallbackCodec codec() {
        return new SendGridWebhookCodec();
    }

    @Override
    protected String fixtureDirectory() {
        return "sendgrid";
    }

    @Override
    protected byte[] unknownKindPayload() {
        return fixture("unknown-kind.json");
    }

    @Override
    protected String unknownKind() {
        return "a_kind_from_the_future";
    }

    @Override
    protected byte[] payloadNesting(String json) {
        return ("[{\"email\":\"jane@example.net\",\"event\":\"processed\",\"custom\":" + json + "}]").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected int maxPayloadBytes() {
        return dev.mailgate.core.limits.InputLimits.defaults().maxPayloadBytes();
    }

    @Override
    protected byte[] validPayload() {
        return fixture("batch.json");
    }

    @Override
    protected WebhookAuthenticator authenticator(Clock clock) {
        return SendGridSignatureAuthenticator.builder(DASHBOARD_KEY).clock(clock).build();
    }

    @Override
    protected WebhookRequest signedRequest(byte[] body, Instant at, boolean rightKey) {
        String timestamp = Long.toString(at.getEpochSecond());
        return WebhookRequest.post(Map.of(SendGridSignatureAuthenticator.SIGNATURE_HEADER, sign(rightKey ? SENDGRID : OTHER, timestamp, body),
                SendGridSignatureAuthenticator.TIMESTAMP_HEADER, timestamp, "Content-Type", "application/json"), body);
    }

    @Override
    protected List<String> authenticationHeaders() {
        return List.of(SendGridSignatureAuthenticator.SIGNATURE_HEADER, SendGridSignatureAuthenticator.TIMESTAMP_HEADER);
    }

    @Override
    protected Duration replayWindow() {
        return SendGridSignatureAuthenticator.DEFAULT_REPLAY_WINDOW;
    }

    @Test
    void theTimestampIsPartOfWhatIsSigned() {
        WebhookRequest signed = signedRequest(validPayload(), NOW, true);
        Map<String, String> headers = Map.of(SendGridSignatureAuthenticator.SIGNATURE_HEADER,
                signed.header(SendGridSignatureAuthenticator.SIGNATURE_HEADER).orElseThrow(),
                SendGridSignatureAuthenticator.TIMESTAMP_HEADER, Long.toString(NOW.getEpochSecond() + 1));
        assertThat(authenticator(clock()).reject(WebhookRequest.post(headers, signed.body())))
                .hasValueSatisfying(r -> assertThat(r).contains("does not verify").contains("sha256:"));
    }

    @Test
    void duringARotationBothKeysAreAcceptedAndTheReasonNeverShowsAKey() {
        String other = Base64.getEncoder().encodeToString(OTHER.getPublic().getEncoded());
        WebhookAuthenticator both = SendGridSignatureAuthenticator.builder(DASHBOARD_KEY).key(other).clock(clock()).build();
        assertThat(both.reject(signedRequest(validPayload(), NOW, false))).isEmpty();
        assertThat(both.reject(signedRequest(validPayload(), NOW, true))).isEmpty();
        String reason = authenticator(clock()).reject(signedRequest(validPayload(), NOW, false)).orElseThrow();
        assertThat(reason).doesNotContain(DASHBOARD_KEY).doesNotContain(other);
    }

    @Test
    void theDashboardKeyIsReadAsBase64DerOrPemAndMustBeP256() throws GeneralSecurityException {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + DASHBOARD_KEY + "\n-----END PUBLIC KEY-----\n";
        assertThat(SendGridSignatureAuthenticator.builder(pem).clock(clock()).build().reject(signedRequest(validPayload(), NOW, true))).isEmpty();
        assertThatThrownBy(() -> SendGridSignatureAuthenticator.builder("not a key")).hasMessageContaining("base64 DER");
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        String p384 = Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
        assertThatThrownBy(() -> SendGridSignatureAuthenticator.builder(p384)).hasMessageContaining("P-256");
    }

    @Test
    void aGarbledSignatureOrTimestampIsRefusedNotThrown() {
        byte[] body = validPayload();
        String ts = Long.toString(NOW.getEpochSecond());
        assertThat(authenticator(clock()).reject(WebhookRequest.post(Map.of(SendGridSignatureAuthenticator.SIGNATURE_HEADER, "%%%",
                SendGridSignatureAuthenticator.TIMESTAMP_HEADER, ts), body))).hasValueSatisfying(r -> assertThat(r).contains("base64"));
        assertThat(authenticator(clock()).reject(WebhookRequest.post(Map.of(SendGridSignatureAuthenticator.SIGNATURE_HEADER, "AAAA",
                SendGridSignatureAuthenticator.TIMESTAMP_HEADER, ts), body))).hasValueSatisfying(r -> assertThat(r).contains("does not verify"));
        assertThat(authenticator(clock()).reject(WebhookRequest.post(Map.of(SendGridSignatureAuthenticator.SIGNATURE_HEADER, "AAAA",
                SendGridSignatureAuthenticator.TIMESTAMP_HEADER, "99999999999999999999"), body))).isPresent();
    }

    private static String sign(KeyPair pair, String timestamp, byte[] body) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(pair.getPrivate());
            s.update(timestamp.getBytes(StandardCharsets.UTF_8));
            s.update(body);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair p256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
