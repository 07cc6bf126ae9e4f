/**
 * Receiving provider webhooks, independent of any web framework: {@link dev.mailgate.core.webhook.WebhookHandler}
 * takes the method, headers and body (read through {@link dev.mailgate.core.webhook.WebhookRequest#read}, which
 * stops at the size limit), and answers with a status code and the decoded events; de-duplication claims each event
 * atomically, so concurrent retries of one delivery reach the application once.
 * {@link dev.mailgate.core.webhook.WebhookHandlerListener} hears each step of a request (metrics, tracing).
 */
package dev.mailgate.core.webhook;
