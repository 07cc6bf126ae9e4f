/**
 * Conversion between {@link dev.mailgate.core.message.EmailMessage} and Jakarta Mail's {@code MimeMessage}: our
 * writer renders and Jakarta Mail parses, so both sides see the same bytes.
 */
package dev.mailgate.jakartamail;
