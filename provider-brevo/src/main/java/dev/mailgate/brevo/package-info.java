/**
 * Brevo over SMTP: {@link dev.mailgate.brevo.BrevoConfig} ({@code smtp-relay.brevo.com}, port 587 with STARTTLS, the
 * account's SMTP login and an SMTP key), {@link dev.mailgate.brevo.BrevoTransport} and the {@code brevo}
 * {@link dev.mailgate.core.spi.MailProvider}.
 *
 * @see <a href="https://developers.brevo.com/docs/smtp-integration">SMTP relay integration</a>
 */
package dev.mailgate.brevo;
