/**
 * SendGrid's documented sending rules that can be checked before a message leaves: the {@code X-SMTPAPI} header
 * (one per message, a JSON object, string-valued {@code unique_args} of at most 10,000 bytes, at most 10,000
 * {@code to} addresses, not combined with several RCPT TO). Rule ids are {@code sendgrid.*}.
 *
 * @see <a href="https://www.twilio.com/docs/sendgrid/for-developers/sending-email/building-an-x-smtpapi-header">Building an X-SMTPAPI Header</a>
 * @see <a href="https://www.twilio.com/docs/sendgrid/for-developers/sending-email/unique-arguments">Unique Arguments</a>
 */
package dev.mailgate.sendgrid.rules;
