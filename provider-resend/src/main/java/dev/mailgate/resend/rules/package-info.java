/**
 * Resend's documented sending rules that can be checked before a message leaves: 40 MB per email after base64
 * encoding and one {@code Resend-Idempotency-Key} of at most 256 characters. Rule ids are {@code resend.*}.
 *
 * @see <a href="https://resend.com/docs/send-with-smtp">Send emails with SMTP</a>
 * @see <a href="https://resend.com/docs/dashboard/emails/idempotency-keys">Idempotency keys</a>
 */
package dev.mailgate.resend.rules;
