package dev.mailgate.brevo.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.core.webhook.WebhookResponse;
import dev.mailgate.testing.webhook.CodecContract;
import java.net.InetAddress;
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

/** The contract with Basic credentials made up here (Brevo's URL credentials); then the bearer token and IP ranges. */
class BrevoWebhookCodecTest extends CodecContract {
    private static final String USER = "brevo-hook";
    private static final String PASSWORD = HexFormat.of().formatHex(random(16));
    private static final String TOKEN = HexFormat.of().formatHex(random(24));

    @Override
    protected CallbackCodec codec() {
        return new BrevoWebhookCodec();
    }

    @Override
    protected String fixtureDirectory() {
        return "brevo";
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
        return ("{\"event\":\"delivered\",\"email\":\"jane@example.net\",\"extra\":" + json + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected int maxPayloadBytes() {
        return InputLimits.defaults().maxPayloadBytes();
    }

    @Override
    protected byte[] validPayload() {
        return fixture("hard-bounce.json");
    }

    @Override
    protected WebhookAuthenticator authenticator(Clock clock) {
        return BrevoWebhookAuthenticator.builder().basic(USER, PASSWORD).build();
    }

    /** Brevo sends what the notify URL carries; the time is not part of it. */
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
     * Brevo's documented checks (Basic credentials in the notify URL, a bearer token, its IP ranges) sign neither a
     * time nor the body: a replayed or altered request with good
     * credentials is authentic by this scheme, and the contract's replay and tamper tests check exactly that.
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
        return Duration.ofMinutes(5); // none in Brevo's scheme; only the skew test reads it, and any skew passes
    }

    @Test
    void aBearerTokenIsCheckedInConstantTimeAndRotationKeepsBoth() {
        String next = HexFormat.of().formatHex(random(24));
        WebhookAuthenticator auth = BrevoWebhookAuthenticator.builder().bearerToken(TOKEN).bearerToken(next).build();
        assertThat(auth.reject(bearer(TOKEN))).isEmpty();
        assertThat(auth.reject(bearer(next))).isEmpty();
        assertThat(auth.reject(bearer(TOKEN + "0"))).hasValueSatisfying(r -> assertThat(r).contains("matches none").doesNotContain(TOKEN));
        assertThat(auth.reject(WebhookRequest.post(Map.of(), validPayload()))).hasValueSatisfying(r -> assertThat(r).contains("no Authorization"));
        assertThat(auth.reject(signedRequest(validPayload(), NOW, true))).hasValueSatisfying(r -> assertThat(r).contains("not a Bearer"));
        assertThatThrownBy(() -> BrevoWebhookAuthenticator.builder().basic(USER, PASSWORD).bearerToken(TOKEN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("choose one");
    }

    @Test
    void thePeerMustBeInBrevosRangesAsTheProxyReportsIt() throws Exception {
        WebhookAuthenticator auth = BrevoWebhookAuthenticator.builder().bearerToken(TOKEN).brevoAddressesFrom("X-Real-IP").build();
        assertThat(auth.reject(bearer(TOKEN, "1.179.112.1"))).isEmpty();
        assertThat(auth.reject(bearer(TOKEN, "172.246.255.255"))).isEmpty();
        assertThat(auth.reject(bearer(TOKEN, "1.179.128.0"))).hasValueSatisfying(r -> assertThat(r).contains("outside the allowed ranges"));
        assertThat(auth.reject(bearer(TOKEN, "203.0.113.9, 1.179.112.1"))).as("the proxy appends the peer last").isEmpty();
        assertThat(auth.reject(bearer(TOKEN, "1.179.112.1, 203.0.113.9"))).isPresent();
        assertThat(auth.reject(bearer(TOKEN, "brevo.example"))).as("never a DNS lookup").hasValueSatisfying(r -> assertThat(r).contains("not an IP"));
        assertThat(auth.reject(bearer(TOKEN))).hasValueSatisfying(r -> assertThat(r).contains("no X-Real-IP"));
        assertThat(BrevoWebhookAuthenticator.inBrevoRanges(InetAddress.getByName("1.179.127.255"))).isTrue();
        assertThat(BrevoWebhookAuthenticator.inBrevoRanges(InetAddress.getByName("::1"))).isFalse();
        WebhookAuthenticator local = BrevoWebhookAuthenticator.builder().brevoAddressesFrom("X-Real-IP").ranges(List.of("127.0.0.0/8", "::1/128")).build();
        assertThat(local.reject(bearer(TOKEN, "::1"))).isEmpty();
        assertThatThrownBy(() -> BrevoWebhookAuthenticator.builder().ranges(List.of("1.2.3.4/33"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRefusalThroughTheHandlerIsA401WhoseBodySaysNothing() {
        WebhookHandler handler = WebhookHandler.builder(codec()).authenticator(BrevoWebhookAuthenticator.builder().bearerToken(TOKEN).build())
                .listener(events -> { }).build();
        WebhookResponse bad = handler.handle(bearer("guess"));
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.body()).isEqualTo("authentication failed\n");
        assertThat(handler.handle(bearer(TOKEN)).status()).isEqualTo(200);
    }

    private WebhookRequest bearer(String token) {
        return WebhookRequest.post(Map.of("Authorization", "Bearer " + token), validPayload());
    }

    private WebhookRequest bearer(String token, String peer) {
        return WebhookRequest.post(Map.of("Authorization", "Bearer " + token, "X-Real-IP", peer), validPayload());
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
