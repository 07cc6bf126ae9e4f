/**
 * Twilio SendGrid over SMTP: {@link dev.mailgate.sendgrid.SendGridConfig} (host {@code smtp.sendgrid.net}, port 587,
 * STARTTLS, user {@code apikey}, the API key as password), {@link dev.mailgate.sendgrid.SendGridTransport} and the
 * {@code sendgrid} {@link dev.mailgate.core.spi.MailProvider}.
 *
 * @see <a href="https://www.twilio.com/docs/sendgrid/for-developers/sending-email/integrating-with-the-smtp-api">Integrating with the SMTP API</a>
 */
package dev.mailgate.sendgrid;
