/**
 * SparkPost's webhooks: {@link dev.mailgate.sparkpost.webhook.SparkPostWebhookCodec} reads a batch
 * ({@code [{"msys": {...}}, ...]}) into {@link dev.mailgate.core.event.MailEvent}s, bounces by their
 * {@code bounce_class}; {@link dev.mailgate.sparkpost.webhook.SparkPostWebhookAuthenticator} checks what SparkPost
 * documents, basic auth or an OAuth 2.0 bearer token (SparkPost does not sign its batches).
 *
 * @see <a href="https://developers.sparkpost.com/api/webhooks/">Webhooks</a>
 * @see <a href="https://developers.sparkpost.com/api/events/">Events</a>
 */
package dev.mailgate.sparkpost.webhook;
