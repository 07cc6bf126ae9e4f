/**
 * Mailjet over SMTP: {@link dev.mailgate.mailjet.MailjetConfig} ({@code in-v3.mailjet.com}, port 587 with STARTTLS,
 * the API key as the user name and the secret key as the password), {@link dev.mailgate.mailjet.MailjetTransport} and
 * the {@code mailjet} {@link dev.mailgate.core.spi.MailProvider}.
 *
 * @see <a href="https://dev.mailjet.com/smtp-relay/overview/">SMTP Relay</a>
 */
package dev.mailgate.mailjet;
