/**
 * Postmark's webhooks: {@link dev.mailgate.postmark.webhook.PostmarkWebhookCodec} reads each record
 * ({@code RecordType} Bounce, SpamComplaint, Delivery, Open, Click, SubscriptionChange) into a
 * {@link dev.mailgate.core.event.MailEvent}, bounces by their {@code TypeCode}; and
 * {@link dev.mailgate.postmark.webhook.PostmarkWebhookAuthenticator} checks what Postmark documents: basic auth and/or
 * an IP allow list (Postmark does not sign its webhooks).
 *
 * @see <a href="https://postmarkapp.com/developer/webhooks/webhooks-overview">Webhooks overview</a>
 * @see <a href="https://postmarkapp.com/developer/api/bounce-api#bounce-types">Bounce types</a>
 */
package dev.mailgate.postmark.webhook;
