/**
 * Postmark over SMTP: {@link dev.mailgate.postmark.PostmarkConfig} ({@code smtp.postmarkapp.com}, or
 * {@code smtp-broadcasts.postmarkapp.com} for broadcast streams; port 587 with STARTTLS; the Server API Token as user
 * and password; the message stream in {@code X-PM-Message-Stream}), {@link dev.mailgate.postmark.PostmarkTransport}
 * and the {@code postmark} {@link dev.mailgate.core.spi.MailProvider}.
 *
 * @see <a href="https://postmarkapp.com/support/article/811-what-are-the-smtp-details-api-tokens-i-should-be-using">SMTP details</a>
 */
package dev.mailgate.postmark;
