/** Conversion between {@link dev.mailgate.core.message.EmailMessage} and Jakarta Mail's {@code MimeMessage}. */
package dev.mailgate.core.interop;
