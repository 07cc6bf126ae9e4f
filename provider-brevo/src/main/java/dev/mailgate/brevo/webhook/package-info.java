/**
 * Brevo's transactional webhooks: {@link dev.mailgate.brevo.webhook.BrevoWebhookCodec} reads the JSON event (or a
 * batch of them) into {@link dev.mailgate.core.event.MailEvent}s, and
 * {@link dev.mailgate.brevo.webhook.BrevoWebhookAuthenticator} checks what Brevo documents for securing the calls:
 * Basic credentials in the notify URL, a bearer token, and its webhook IP ranges.
 *
 * @see <a href="https://developers.brevo.com/docs/transactional-webhooks">Transactional webhooks</a>
 * @see <a href="https://developers.brevo.com/docs/secured-webhooks">Secure webhook calls</a>
 */
package dev.mailgate.brevo.webhook;
