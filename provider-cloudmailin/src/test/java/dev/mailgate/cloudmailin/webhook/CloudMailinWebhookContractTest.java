package dev.mailgate.cloudmailin.webhook;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.webhook.BasicAuthenticator;
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

/**
 * The shared contract: every fixture in cloudmailin/decode against its expected file, and CloudMailin's Basic
 * authentication (the credentials in the webhook URL) with a password made up here.
 */
class CloudMailinWebhookContractTest extends CodecContract {
    /** Basic credentials only: nothing dates a request, so a replay is judged by its credentials alone. */
    @Override
    protected boolean hasSignedTimestamp() {
        return false;
    }

    /** Basic credentials only: the body is not signed, so an altered body with good credentials passes. */
    @Override
    protected boolean hasSignedBody() {
        return false;
    }

    private static final String USER = "cloudmailin";
    private static final String PASSWORD = HexFormat.of().formatHex(random(16));

    @Override
    protected CallbackCodec codec() {
        return new CloudMailinWebhookCodec();
    }

    @Override
    protected String fixtureDirectory() {
        return "cloudmailin/decode";
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
        return ("{\"events\":[{\"kind\":\"delivery\",\"recipient\":\"jane@example.net\",\"details\":{\"x\":" + json + "}}]}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected int maxPayloadBytes() {
        return InputLimits.defaults().maxPayloadBytes();
    }

    @Override
    protected byte[] validPayload() {
        return fixture("multi-event.json");
    }

    @Override
    protected WebhookAuthenticator authenticator(Clock clock) {
        return BasicAuthenticator.of(USER, PASSWORD);
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

    @Override
    protected Duration replayWindow() {
        return Duration.ofMinutes(5); // none in CloudMailin's scheme; only the skew test reads it, and any skew passes
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
