/**
 * Mailgun's webhooks: {@link dev.mailgate.mailgun.webhook.MailgunWebhookCodec} reads the JSON payload
 * ({@code {"signature": {...}, "event-data": {...}}}) into {@link dev.mailgate.core.event.MailEvent}s, and
 * {@link dev.mailgate.mailgun.webhook.MailgunSignatureAuthenticator} checks its HMAC-SHA256 signature, the timestamp
 * and that no token is used twice.
 *
 * @see <a href="https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/webhook-payloads">Webhook Payloads</a>
 * @see <a href="https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/securing-webhooks">Securing Webhooks</a>
 */
package dev.mailgate.mailgun.webhook;
