/**
 * The SMTP transport: {@link dev.mailgate.smtp.SmtpTransport} configured with {@link dev.mailgate.smtp.SmtpConfig},
 * found by the provider id {@code smtp}.
 */
package dev.mailgate.smtp;
