/**
 * The SMTP transport: {@link dev.mailgate.smtp.SmtpTransport} configured with {@link dev.mailgate.smtp.SmtpConfig}
 * (settings only), found by the provider id {@code smtp}. Observed with one typed listener,
 * {@link dev.mailgate.smtp.SmtpEventListener}, of which {@link dev.mailgate.smtp.SmtpDiagnostics} is one
 * implementation. Inside, package-private: the pool, the session setup ({@code SmtpConnection}, {@code TlsUpgrade},
 * one {@code SaslMechanism} class per AUTH mechanism) and the {@code TransactionEngine}.
 */
package dev.mailgate.smtp;
