package dev.mailgate.resend.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.testing.complexity.LinearGrowth;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The Svix check runs before anything else on requests from the internet: its time grows linearly with the body and
 * with the number of signatures in {@code svix-signature} (each secret meets each signature once).
 */
class SvixSignatureComplexityTest {
    private static final byte[] KEY = new byte[24];
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void bodyLength() {
        WebhookAuthenticator auth = SvixSignatureAuthenticator.builder("whsec_" + Base64.getEncoder().encodeToString(KEY)).seenCacheSize(1)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        IntFunction<WebhookRequest> request = n -> {
            byte[] body = ("{\"type\":\"email.delivered\",\"data\":{\"subject\":\"" + "s".repeat(n) + "\"}}").getBytes(StandardCharsets.UTF_8);
            String ts = Long.toString(NOW.getEpochSecond());
            return WebhookRequest.post(Map.of("svix-id", "msg_" + n, "svix-timestamp", ts, "svix-signature", "v1,"
                    + ResendWebhookCodecTest.sign(KEY, "msg_" + n, ts, body)), body);
        };
        assertThat(auth.reject(request.apply(10))).isEmpty();
        // every size is checked several times: the same id and timestamp are then a replay, refused after the HMAC
        System.out.println("[complexity] " + LinearGrowth.of("SvixSignatureAuthenticator: body length").startSize(1 << 14).maxSize(1 << 23)
                .check(request, r -> auth.reject(r).map(String::length).orElse(0)));
    }

    @Test
    void signaturesInTheHeader() {
        WebhookAuthenticator auth = SvixSignatureAuthenticator.builder("whsec_" + Base64.getEncoder().encodeToString(KEY))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        byte[] body = "{\"type\":\"email.delivered\"}".getBytes(StandardCharsets.UTF_8);
        String one = "v1," + Base64.getEncoder().encodeToString(new byte[32]);
        IntFunction<WebhookRequest> request = n -> WebhookRequest.post(Map.of("svix-id", "msg_1", "svix-timestamp", Long.toString(NOW.getEpochSecond()),
                "svix-signature", (one + " ").repeat(n).strip()), body);
        System.out.println("[complexity] " + LinearGrowth.of("SvixSignatureAuthenticator: signatures in svix-signature").startSize(256)
                .maxSize(1 << 16).check(request, r -> auth.reject(r).map(String::length).orElse(0)));
    }
}
