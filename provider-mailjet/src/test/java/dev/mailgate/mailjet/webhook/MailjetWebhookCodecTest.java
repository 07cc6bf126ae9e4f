package dev.mailgate.mailjet.webhook;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The contract with the Basic credentials of the event URL, made up here. */
class MailjetWebhookCodecTest extends CodecContract {
    private static final String USER = "mj-events";
    private static final String PASSWORD = HexFormat.of().formatHex(random(16));

    @Override
    protected CallbackCodec codec() {
        return new MailjetWebhookCodec();
    }

    @Override
    protected String fixtureDirectory() {
        return "mailjet";
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
        return ("{\"event\":\"sent\",\"email\":\"jane@example.net\",\"extra\":" + json + "}").getBytes(StandardCharsets.UTF_8);
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
        return MailjetWebhookAuth.basic(USER, PASSWORD);
    }

    @Override
    protected WebhookRequest signedRequest(byte[] body, Instant at, boolean rightKey) {
        String credentials = USER + ":" + (rightKey ? PASSWORD : PASSWORD + "x");
        return WebhookRequest.post(Map.of("Content-Type", "application/json", "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))), body);
    }

    @Override
    protected List<String> authenticationHeaders() {
        return List.of("Authorization");
    }

    /**
     * Mailjet's Basic credentials in the endpoint URL sign neither a time nor the body: a replayed or altered request
     * with good credentials is authentic by this scheme, and the contract's replay and tamper tests check exactly that.
     */
    @Override
    protected boolean hasSignedTimestamp() {
        return false;
    }

    @Override
    protected boolean hasSignedBody() {
        return false;
    }

    @Override
    protected Duration replayWindow() {
        return Duration.ofMinutes(5); // none in Mailjet's scheme; only the skew test reads it, and any skew passes
    }

    @Test
    void aGroupKeepsEveryEventInOrderAndTheRefusalReasonHelpsTheOperator() {
        List<MailEvent> events = codec().decode(fixture("batch.json"), NOW);
        assertThat(events).extracting(e -> e.type().name()).containsExactly("DELIVERED", "OPENED", "BOUNCED");
        String why = authenticator(clock()).reject(WebhookRequest.post(Map.of(), validPayload())).orElseThrow();
        assertThat(why).contains("user:password@").doesNotContain(PASSWORD);
        WebhookAuthenticator rotating = MailjetWebhookAuth.basic(Map.of(USER, PASSWORD, "mj-events-next", "n3xt"));
        assertThat(rotating.reject(signedRequest(validPayload(), NOW, true))).isEmpty();
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
