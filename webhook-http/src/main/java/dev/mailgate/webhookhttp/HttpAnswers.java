package dev.mailgate.webhookhttp;

import dev.mailgate.core.webhook.WebhookResponse;
import java.nio.charset.StandardCharsets;

/** What both adapters write back, decided once: a short UTF-8 text body and its content type. */
final class HttpAnswers {
    static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    private HttpAnswers() {
    }

    static byte[] body(WebhookResponse response) {
        return response.body().getBytes(StandardCharsets.UTF_8);
    }
}
