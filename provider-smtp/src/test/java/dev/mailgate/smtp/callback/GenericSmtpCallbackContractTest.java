package dev.mailgate.smtp.callback;

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
 * The shared contract: every fixture in generic-smtp/decode against its expected file, and the Basic authentication
 * an endpoint for the generic callback uses (the format defines no signature), with a password made up here.
 */
class GenericSmtpCallbackContractTest extends CodecContract {
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

    private static final String USER = "callback";
    private static final String PASSWORD = HexFormat.of().formatHex(random(16));

    @Override
    protected CallbackCodec codec() {
        return new GenericSmtpCallbackCodec(clock());
    }

    @Override
    protected String fixtureDirectory() {
        return "generic-smtp/decode";
    }

    @Override
    protected byte[] unknownKindPayload() {
        return "[{\"event\":\"a_kind_from_the_future\",\"data\":[{\"e\":\"jane@example.net\",\"ts\":1795435200}]}]"
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected String unknownKind() {
        return "a_kind_from_the_future";
    }

    @Override
    protected byte[] payloadNesting(String json) {
        return ("[{\"event\":\"hardbounce\",\"data\":[{\"e\":\"jane@example.net\",\"x\":" + json + "}]}]").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected int maxPayloadBytes() {
        return InputLimits.defaults().maxPayloadBytes();
    }

    @Override
    protected byte[] validPayload() {
        return fixture("seed-bounces-with-comments.json");
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
        return Duration.ofMinutes(5); // none in Basic authentication; only the skew test reads it, and any skew passes
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
