package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.core.webhook.WebhookResponse;

/**
 * Hears every answer of the auto-configured webhook endpoints after it is made (status, new events, repeated
 * events): for request counters by status and duplicates. What it throws is logged and does not change the answer.
 */
@FunctionalInterface
public interface MailgateWebhookObserver {
    /** @param endpoint the endpoint's name under {@code mailgate.webhook.endpoints} */
    void observed(String endpoint, WebhookResponse response);
}
