/**
 * Mailjet's Event API webhooks: {@link dev.mailgate.mailjet.webhook.MailjetWebhookCodec} reads one event or a group of
 * them into {@link dev.mailgate.core.event.MailEvent}s, and {@link dev.mailgate.mailjet.webhook.MailjetWebhookAuth}
 * checks the Basic credentials Mailjet documents putting into the endpoint URL.
 *
 * @see <a href="https://dev.mailjet.com/email/guides/webhooks/">Event tracking (webhooks)</a>
 */
package dev.mailgate.mailjet.webhook;
