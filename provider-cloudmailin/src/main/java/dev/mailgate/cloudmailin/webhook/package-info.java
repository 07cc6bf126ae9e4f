/**
 * CloudMailin's event webhook: {@link dev.mailgate.cloudmailin.webhook.CloudMailinWebhookCodec} reads its
 * {@code {"events": [...]}} posts into {@link dev.mailgate.core.event.MailEvent}s; CloudMailin authenticates them with
 * HTTP Basic credentials, checked by {@link dev.mailgate.core.webhook.BasicAuthenticator}.
 */
package dev.mailgate.cloudmailin.webhook;
