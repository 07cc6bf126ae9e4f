/**
 * Resend's webhooks: {@link dev.mailgate.resend.webhook.ResendWebhookCodec} reads each event into a
 * {@link dev.mailgate.core.event.MailEvent}, and {@link dev.mailgate.resend.webhook.SvixSignatureAuthenticator} checks
 * the Svix signature ({@code svix-id}, {@code svix-timestamp}, {@code svix-signature}: HMAC-SHA256 over
 * {@code id.timestamp.body} with the {@code whsec_} secret), several secrets during rotation, the replay window and
 * exact replays inside it.
 *
 * @see <a href="https://resend.com/docs/webhooks/event-types">Event types</a>
 * @see <a href="https://resend.com/docs/webhooks/verify-webhooks-requests">Verify webhook requests</a>
 * @see <a href="https://docs.svix.com/receiving/verifying-payloads/how-manual">Verifying webhooks manually (Svix)</a>
 */
package dev.mailgate.resend.webhook;
