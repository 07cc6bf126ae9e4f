package dev.mailgate.postmark.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.event.CallbackCodec;
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
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract with Postmark's documented scheme: basic auth (a password made up here) and no signed timestamp, so
 * the replay check is opted out of; the IP allow list is tested on its own below.
 */
class PostmarkWebhookCodecTest extends CodecContract {
    private static final String USER = "postmark-webhook";
    private static final String PASSWORD = HexFormat.of().formatHex(random(16));
    private static final String OTHER = HexFormat.of().formatHex(random(16));

    @Override
    protected CallbackCodec codec() {
        return new PostmarkWebhookCodec();
    }

    @Override
    protected String fixtureDirectory() {
        return "postmark";
    }

    @Override
    protected byte[] unknownKindPayload() {
        return fixture("unknown-kind.json");
    }

    @Override
    protected String unknownKind() {
        return "Inbound2099";
    }

    @Override
    protected byte[] payloadNesting(String json) {
        return ("{\"RecordType\":\"Delivery\",\"Recipient\":\"john@example.com\",\"Metadata\":{\"x\":" + json + "}}").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected int maxPayloadBytes() {
        return InputLimits.defaults().maxPayloadBytes();
    }

    @Override
    protected byte[] validPayload() {
        return fixture("bounce-hard.json");
    }

    @Override
    protected WebhookAuthenticator authenticator(Clock clock) {
        return PostmarkWebhookAuthenticator.builder().basicAuth(USER, PASSWORD).build();
    }

    @Override
    protected WebhookRequest signedRequest(byte[] body, Instant at, boolean rightKey) {
        return WebhookRequest.post(Map.of("Content-Type", "application/json", "Authorization", basic(USER, rightKey ? PASSWORD : OTHER)), body);
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
        return List.of(PASSWORD, OTHER);
    }

    /** Basic auth covers the credentials, not the body: what can be tampered with detectably is the header. */
    @Override
    protected WebhookRequest tampered(WebhookRequest signed) {
        String auth = signed.header("Authorization").orElseThrow();
        String decoded = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
        String flipped = decoded.substring(0, decoded.length() - 1) + (decoded.endsWith("a") ? "b" : "a");
        return WebhookRequest.post(Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(flipped.getBytes(StandardCharsets.UTF_8))),
                signed.body());
    }

    @Test
    void theIpAllowListPassesOnlyListedAddressesAndNeedsAWayToReadThem() {
        WebhookAuthenticator ips = PostmarkWebhookAuthenticator.builder().allowIps("203.0.113.0/24", "2001:db8::/32").clientAddressHeader("X-Forwarded-For")
                .build();
        assertThat(ips.reject(WebhookRequest.post(Map.of("X-Forwarded-For", "198.51.100.7, 203.0.113.45"), validPayload()))).isEmpty();
        assertThat(ips.reject(WebhookRequest.post(Map.of("X-Forwarded-For", "2001:db8:1::5"), validPayload()))).isEmpty();
        assertThat(ips.reject(WebhookRequest.post(Map.of("X-Forwarded-For", "203.0.113.45, 198.51.100.7"), validPayload())))
                .hasValueSatisfying(r -> assertThat(r).contains("198.51.100.7 is not in the webhook IP allow list"));
        assertThat(ips.reject(WebhookRequest.post(Map.of(), validPayload()))).hasValueSatisfying(r -> assertThat(r).contains("client address is unknown"));
        assertThat(ips.reject(WebhookRequest.post(Map.of("X-Forwarded-For", "postmarkapp.com"), validPayload())))
                .as("a host name is never looked up").hasValueSatisfying(r -> assertThat(r).contains("not an IP address"));
        assertThatThrownBy(() -> PostmarkWebhookAuthenticator.builder().allowIps("203.0.113.0/24").build()).hasMessageContaining("client address");
        assertThatThrownBy(() -> PostmarkWebhookAuthenticator.builder().build()).hasMessageContaining("does not sign");
        assertThatThrownBy(() -> PostmarkWebhookAuthenticator.builder().allowIps("203.0.113.0/33")).hasMessageContaining("out of range");
    }

    @Test
    void withBothChecksARequestMustPassBothAndRotatedPasswordsAreAccepted() {
        WebhookAuthenticator both = PostmarkWebhookAuthenticator.builder().basicAuth(USER, PASSWORD).basicAuth(USER, OTHER).allowIps("203.0.113.9")
                .clientAddress(r -> Optional.of("203.0.113.9")).build();
        assertThat(both.reject(signedRequest(validPayload(), NOW, true))).isEmpty();
        assertThat(both.reject(signedRequest(validPayload(), NOW, false))).as("the second, rotated password").isEmpty();
        WebhookAuthenticator elsewhere = PostmarkWebhookAuthenticator.builder().basicAuth(USER, PASSWORD).allowIps("203.0.113.9")
                .clientAddress(r -> Optional.of("192.0.2.1")).build();
        assertThat(elsewhere.reject(signedRequest(validPayload(), NOW, true))).isPresent();
        String reason = authenticator(clock()).reject(signedRequest(validPayload(), NOW, false)).orElseThrow();
        assertThat(reason).contains("user \"postmark-webhook\"").doesNotContain(OTHER).doesNotContain(PASSWORD);
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
