/**
 * Amazon SES over SMTP: {@link dev.mailgate.ses.SesConfig} ({@code email-smtp.<region>.amazonaws.com}, port 587
 * with STARTTLS, the region's SMTP credentials, an optional default configuration set),
 * {@link dev.mailgate.ses.SesTransport} and the {@code ses} {@link dev.mailgate.core.spi.MailProvider}.
 *
 * @see <a href="https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html">Connecting to an Amazon SES SMTP endpoint</a>
 * @see <a href="https://docs.aws.amazon.com/ses/latest/dg/send-email-smtp.html">Using the Amazon SES SMTP interface</a>
 */
package dev.mailgate.ses;
