package dev.mailgate.sparkpost.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.testing.webhook.CodecContract;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract with SparkPost's documented schemes: basic auth (made-up credentials) for the contract's cases, and
 * OAuth 2.0 bearer tokens below. Neither carries a signed timestamp, so the replay check is opted out of.
 */
class SparkPostWebhookCodecTest extends CodecContract {
    private static final String USER = "sparkpost-webhook";
    private static final String PASSWORD = HexFormat.of().formatHex(random(16));
    private static final String OTHER = HexFormat.of().formatHex(random(16));
    private static final String TOKEN = Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));

    @Override
    protected CallbackCodec codec() {
        return new SparkPostWebhookCodec();
    }

    @Override
    protected String fixtureDirectory() {
        return "sparkpost";
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
        return ("[{\"msys\":{\"message_event\":{\"type\":\"delivery\",\"rcpt_to\":\"jane@example.net\",\"rcpt_meta\":{\"x\":" + json + "}}}}]")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected int maxPayloadBytes() {
        return InputLimits.defaults().maxPayloadBytes();
    }

    @Override
    protected byte[] validPayload() {
        return fixture("batch.json");
    }

    @Override
    protected WebhookAuthenticator authenticator(Clock clock) {
        return SparkPostWebhookAuthenticator.builder().basicAuth(USER, PASSWORD).build();
    }

    @Override
    protected WebhookRequest signedRequest(byte[] body, Instant at, boolean rightKey) {
        return WebhookRequest.post(Map.of("Content-Type", "application/json", "X-MessageSystems-Batch-ID", "77ef9e9f-0c1b-4b66-8aef-c0b7b8ab13b6",
                "Authorization", basic(USER, rightKey ? PASSWORD : OTHER)), body);
    }

    @Override
    protected List<String> authenticationHeaders() {
        return List.of("Authorization");
    }

    @Override
    protected Duration replayWindow() {
        return Duration.ofMinutes(5);
    }

    @Override
    protected boolean hasSignedTimestamp() {
        return false;
    }

    @Override
    protected List<String> secrets() {
        return List.of(PASSWORD, OTHER, TOKEN);
    }

    /** Basic auth covers the credentials, not the body: what can be tampered with detectably is the header. */
    @Override
    protected WebhookRequest tampered(WebhookRequest signed) {
        String decoded = new String(Base64.getDecoder().decode(signed.header("Authorization").orElseThrow().substring(6)), StandardCharsets.UTF_8);
        String flipped = decoded.substring(0, decoded.length() - 1) + (decoded.endsWith("a") ? "b" : "a");
        return WebhookRequest.post(Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(flipped.getBytes(StandardCharsets.UTF_8))),
                signed.body());
    }

    @Test
    void aBatchIsDecodedInOrderAndTheValidationPingDecodesToNothing() {
        List<MailEvent> events = codec().decode(validPayload(), NOW);
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("Queued", "Delivered", "Opened", "Clicked", "Bounced");
        assertThat(events.get(4).details().recipient().orElseThrow().toString()).isEqualTo("other@example.org");
        assertThat(events.get(4).details().rawPayload()).contains("other@example.org").doesNotContain("\"injection\"");
        assertThat(codec().decode(fixture("validation-ping.json"), NOW)).isEmpty();
    }

    @Test
    void oauthBearerTokensPassWhenIssuedAndTheWrongSchemeIsNamed() {
        WebhookAuthenticator oauth = SparkPostWebhookAuthenticator.builder().bearerToken(TOKEN).build();
        assertThat(oauth.reject(WebhookRequest.post(Map.of("Authorization", "Bearer " + TOKEN), validPayload()))).isEmpty();
        assertThat(oauth.reject(WebhookRequest.post(Map.of("Authorization", "Bearer " + TOKEN + "x"), validPayload())))
                .hasValueSatisfying(r -> assertThat(r).contains("bearer token").doesNotContain(TOKEN));
        assertThat(oauth.reject(signedRequest(validPayload(), NOW, true))).hasValueSatisfying(r -> assertThat(r).contains("only OAuth 2.0"));
        WebhookAuthenticator dynamic = SparkPostWebhookAuthenticator.builder().bearerTokenCheck(t -> t.equals("issued-today")).build();
        assertThat(dynamic.reject(WebhookRequest.post(Map.of("Authorization", "Bearer issued-today"), validPayload()))).isEmpty();
        WebhookAuthenticator both = SparkPostWebhookAuthenticator.builder().basicAuth(USER, PASSWORD).basicAuth(USER, OTHER).bearerToken(TOKEN).build();
        assertThat(both.reject(signedRequest(validPayload(), NOW, false))).as("the rotated password").isEmpty();
        assertThat(both.reject(WebhookRequest.post(Map.of("Authorization", "Digest x"), validPayload())))
                .hasValueSatisfying(r -> assertThat(r).contains("neither Basic nor Bearer"));
        assertThatThrownBy(() -> SparkPostWebhookAuthenticator.builder().build()).hasMessageContaining("does not sign");
        String reason = authenticator(clock()).reject(signedRequest(validPayload(), NOW, false)).orElseThrow();
        assertThat(reason).contains("user \"sparkpost-webhook\"").doesNotContain(OTHER);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
