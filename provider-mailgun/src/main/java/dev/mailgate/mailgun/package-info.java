/**
 * Mailgun over SMTP: {@link dev.mailgate.mailgun.MailgunConfig} ({@code smtp.mailgun.org}, or
 * {@code smtp.eu.mailgun.org} for domains in the EU region; port 587 with STARTTLS; the domain's SMTP credentials),
 * {@link dev.mailgate.mailgun.MailgunTransport} and the {@code mailgun} {@link dev.mailgate.core.spi.MailProvider}.
 *
 * @see <a href="https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-smtp">Send via SMTP</a>
 */
package dev.mailgate.mailgun;
