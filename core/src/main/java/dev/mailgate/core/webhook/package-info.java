/**
 * Receiving provider webhooks, independent of any web framework: {@link dev.mailgate.core.webhook.WebhookHandler}
 * takes the method, headers and raw body bytes, and answers with a status code and the decoded events.
 */
package dev.mailgate.core.webhook;
