/**
 * SparkPost over SMTP: {@link dev.mailgate.sparkpost.SparkPostConfig} ({@code smtp.sparkpostmail.com} or
 * {@code smtp.eu.sparkpostmail.com}, port 587 or 2525 with STARTTLS, user {@code SMTP_Injection} and an API key),
 * {@link dev.mailgate.sparkpost.SparkPostTransport} and the {@code sparkpost} {@link dev.mailgate.core.spi.MailProvider}.
 *
 * @see <a href="https://developers.sparkpost.com/api/smtp/">SMTP API</a>
 */
package dev.mailgate.sparkpost;
