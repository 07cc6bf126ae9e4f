/** The SMTP protocol engine behind {@link dev.mailgate.smtp.SmtpTransport}; not exported. */
package dev.mailgate.smtp.internal;
