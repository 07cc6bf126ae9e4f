/**
 * Resend over SMTP: {@link dev.mailgate.resend.ResendConfig} ({@code smtp.resend.com}, user {@code resend}, the API key
 * as password; STARTTLS on 587 by default, implicit TLS on 465 and 2465), {@link dev.mailgate.resend.ResendTransport}
 * and the {@code resend} {@link dev.mailgate.core.spi.MailProvider}.
 *
 * @see <a href="https://resend.com/docs/send-with-smtp">Send emails with SMTP</a>
 */
package dev.mailgate.resend;
