package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.postmark.webhook.PostmarkWebhookAuthenticator;
import dev.mailgate.postmark.webhook.PostmarkWebhookCodec;
import dev.mailgate.resend.webhook.ResendWebhookCodec;
import dev.mailgate.resend.webhook.SvixSignatureAuthenticator;
import dev.mailgate.sparkpost.webhook.SparkPostWebhookAuthenticator;
import dev.mailgate.sparkpost.webhook.SparkPostWebhookCodec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The webhook endpoints of docs/providers.md (Postmark, Resend, SparkPost), run: each handler is built as the docs show
 * and given a request as the provider sends it, and one with the wrong credentials.
 */
class ProviderWebhookExamplesTest {
    private final List<MailEvent> received = new ArrayList<>();

    @Test
    void postmark() {
        String password = "s3cret-webhook-password";
        // snippet:postmark-webhook
        WebhookHandler handler = WebhookHandler.builder(new PostmarkWebhookCodec())
                .authenticator(PostmarkWebhookAuthenticator.builder()
                        .basicAuth("postmark-webhook", password)     // the webhook's HttpAuth (or https://user:pass@host/...)
                        .build())
                .listener(events -> received.addAll(events))
                .build();
        // end:postmark-webhook
        byte[] body = ("{\"RecordType\":\"Bounce\",\"TypeCode\":1,\"Type\":\"HardBounce\",\"MessageID\":\"883953f4-6105-42a2-a16a-77a8eac79483\","
                + "\"Email\":\"john@example.com\",\"BouncedAt\":\"2019-11-05T16:33:54.9070259Z\",\"Details\":\"smtp;550 5.1.1 unknown user\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(handler.handle(WebhookRequest.post(Map.of("Authorization", basic("postmark-webhook", "guess")), body)).status()).isEqualTo(401);
        assertThat(handler.handle(WebhookRequest.post(Map.of("Authorization", basic("postmark-webhook", password)), body)).status()).isEqualTo(200);
        assertThat(received).singleElement().isInstanceOf(MailEvent.Bounced.class);
    }

    @Test
    void resend() throws GeneralSecurityException {
        byte[] key = "an example key of 24 byte".substring(0, 24).getBytes(StandardCharsets.US_ASCII);
        String signingSecret = "whsec_" + Base64.getEncoder().encodeToString(key);
        // snippet:resend-webhook
        WebhookHandler handler = WebhookHandler.builder(new ResendWebhookCodec())
                .authenticator(SvixSignatureAuthenticator.builder(signingSecret)   // whsec_... from the webhook's page
                        .build())                       // .secret(next) accepts a second secret while rotating
                .listener(events -> received.addAll(events))
                .build();
        // end:resend-webhook
        byte[] body = "{\"type\":\"email.delivered\",\"created_at\":\"2024-11-22T23:41:12.126Z\",\"data\":{\"email_id\":\"56761188\",\"to\":[\"delivered@resend.dev\"]}}"
                .getBytes(StandardCharsets.UTF_8);
        String ts = Long.toString(Instant.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(("msg_1." + ts + ".").getBytes(StandardCharsets.UTF_8));
        String signature = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        assertThat(handler.handle(WebhookRequest.post(Map.of("svix-id", "msg_1", "svix-timestamp", ts, "svix-signature", "v1,AAAA"), body)).status())
                .isEqualTo(401);
        assertThat(handler.handle(WebhookRequest.post(Map.of("svix-id", "msg_1", "svix-timestamp", ts, "svix-signature", signature), body)).status())
                .isEqualTo(200);
        assertThat(received).singleElement().isInstanceOf(MailEvent.Delivered.class);
    }

    @Test
    void sparkpost() {
        String password = "s3cret-webhook-password";
        // snippet:sparkpost-webhook
        WebhookHandler handler = WebhookHandler.builder(new SparkPostWebhookCodec())
                .authenticator(SparkPostWebhookAuthenticator.builder()
                        .basicAuth("sparkpost-webhook", password)    // auth_type basic; or .bearerToken(...) for oauth2
                        .build())
                .listener(events -> received.addAll(events))
                .build();
        // end:sparkpost-webhook
        byte[] body = ("[{\"msys\":{\"message_event\":{\"type\":\"delivery\",\"event_id\":\"1\",\"rcpt_to\":\"recipient@example.com\"}}},"
                + "{\"msys\":{\"track_event\":{\"type\":\"open\",\"event_id\":\"2\",\"rcpt_to\":\"recipient@example.com\"}}}]").getBytes(StandardCharsets.UTF_8);
        assertThat(handler.handle(WebhookRequest.post(Map.of(), body)).status()).isEqualTo(401);
        assertThat(handler.handle(WebhookRequest.post(Map.of("Authorization", basic("sparkpost-webhook", password)), body)).status()).isEqualTo(200);
        assertThat(received).hasSize(2);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
