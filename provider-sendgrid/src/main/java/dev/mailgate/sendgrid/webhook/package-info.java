/**
 * SendGrid's Event Webhook: {@link dev.mailgate.sendgrid.webhook.SendGridWebhookCodec} reads its batched JSON into
 * {@link dev.mailgate.core.event.MailEvent}s, and {@link dev.mailgate.sendgrid.webhook.SendGridSignatureAuthenticator}
 * checks the Signed Event Webhook's ECDSA signature.
 *
 * @see <a href="https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event">Event Webhook Reference</a>
 * @see <a href="https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features">Event Webhook Security Features</a>
 */
package dev.mailgate.sendgrid.webhook;
