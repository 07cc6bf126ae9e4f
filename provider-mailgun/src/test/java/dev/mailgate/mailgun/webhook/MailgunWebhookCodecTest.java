package dev.mailgate.mailgun.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.testing.webhook.CodecContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The contract, with signing keys made up here; Mailgun signs inside the body, so "missing" means missing there. */
class MailgunWebhookCodecTest extends CodecContract {
    private static final String KEY = "whsk-" + HexFormat.of().formatHex(random(16));
    private static final String OTHER = "whsk-" + HexFormat.of().formatHex(random(16));

    @Override
    protected CallbackCodec codec() {
        return new MailgunWebhookCodec();
    }

    @Override
    protected String fixtureDirectory() {
        return "mailgun";
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
        return ("{\"event-data\":{\"event\":\"delivered\",\"recipient\":\"jane@example.net\",\"user-variables\":{\"x\":" + json + "}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected int maxPayloadBytes() {
        return InputLimits.defaults().maxPayloadBytes();
    }

    @Override
    protected byte[] validPayload() {
        return fixture("failed-permanent-bounce.json");
    }

    @Override
    protected WebhookAuthenticator authenticator(Clock clock) {
        return MailgunSignatureAuthenticator.builder(KEY).clock(clock).build();
    }

    @Override
    protected WebhookRequest signedRequest(byte[] body, Instant at, boolean rightKey) {
        String token = HexFormat.of().formatHex(random(25)); // 50 characters, as Mailgun's
        String timestamp = Long.toString(at.getEpochSecond());
        ObjectNode root = parse(body);
        ObjectNode sig = root.putObject("signature");
        sig.put("token", token).put("timestamp", timestamp).put("signature", hmac(rightKey ? KEY : OTHER, timestamp + token));
        return WebhookRequest.post(Map.of("Content-Type", "application/json"), root.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected List<String> authenticationHeaders() {
        return List.of();
    }

    @Override
    protected Duration replayWindow() {
        return MailgunSignatureAuthenticator.DEFAULT_REPLAY_WINDOW;
    }

    @Override
    protected List<WebhookRequest> missingCredentials(WebhookRequest signed) {
        return List.of(without(signed, null), without(signed, "token"), without(signed, "timestamp"), without(signed, "signature"));
    }

    /** The signature covers timestamp and token only, so what can be tampered with detectably is the token. */
    @Override
    protected WebhookRequest tampered(WebhookRequest signed) {
        ObjectNode root = parse(signed.body());
        ObjectNode sig = (ObjectNode) root.get("signature");
        String token = sig.get("token").asText();
        sig.put("token", (token.charAt(0) == 'a' ? 'b' : 'a') + token.substring(1));
        return new WebhookRequest(signed.method(), signed.headers(), root.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTokenIsHonouredOnceAndForgottenAfterTheWindow() {
        WebhookAuthenticator auth = authenticator(clock());
        WebhookRequest signed = signedRequest(validPayload(), NOW, true);
        assertThat(auth.reject(signed)).isEmpty();
        assertThat(auth.reject(signed)).hasValueSatisfying(r -> assertThat(r).contains("already used"));
        // a different, freshly signed request is fine
        assertThat(auth.reject(signedRequest(validPayload(), NOW, true))).isEmpty();
        // a wrongly signed request does not poison the cache with its token
        WebhookRequest forged = signedRequest(validPayload(), NOW, false);
        assertThat(auth.reject(forged)).hasValueSatisfying(r -> assertThat(r).contains("matches none"));
    }

    @Test
    void theTokenCacheIsBounded() {
        WebhookAuthenticator auth = MailgunSignatureAuthenticator.builder(KEY).clock(clock()).tokenCacheSize(2).build();
        WebhookRequest first = signedRequest(validPayload(), NOW, true);
        assertThat(auth.reject(first)).isEmpty();
        assertThat(auth.reject(signedRequest(validPayload(), NOW, true))).isEmpty();
        assertThat(auth.reject(signedRequest(validPayload(), NOW, true))).isEmpty();
        assertThat(auth.reject(first)).as("evicted, oldest first").isEmpty();
    }

    @Test
    void aSubaccountsParentSignatureVerifiesWithThePrimaryKeyAndRotationKeysAreAccepted() {
        ObjectNode root = parse(signedRequest(validPayload(), NOW, false).body()); // signed with the subaccount's key (OTHER)
        ObjectNode sig = (ObjectNode) root.get("signature");
        sig.put("parent-signature", hmac(KEY, sig.get("timestamp").asText() + sig.get("token").asText()));
        WebhookRequest sub = WebhookRequest.post(Map.of(), root.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(authenticator(clock()).reject(sub)).isEmpty();
        WebhookAuthenticator rotating = MailgunSignatureAuthenticator.builder(KEY).key(OTHER).clock(clock()).build();
        assertThat(rotating.reject(signedRequest(validPayload(), NOW, false))).isEmpty();
        String reason = authenticator(clock()).reject(signedRequest(validPayload(), NOW, false)).orElseThrow();
        assertThat(reason).contains("sha256:").doesNotContain(KEY).doesNotContain(OTHER);
    }

    private static WebhookRequest without(WebhookRequest signed, String field) {
        ObjectNode root = parse(signed.body());
        if (field == null) {
            root.remove("signature");
        } else {
            ((ObjectNode) root.get("signature")).remove(field);
        }
        return new WebhookRequest(signed.method(), signed.headers(), root.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode parse(byte[] body) {
        try {
            return (ObjectNode) MailgunWebhookCodec.JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
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
