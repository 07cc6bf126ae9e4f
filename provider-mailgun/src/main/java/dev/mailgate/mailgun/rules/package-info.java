/**
 * Mailgun's documented sending rules that can be checked before a message leaves: the 25 MB size limit, at most
 * three {@code X-Mailgun-Tag}s of at most 128 ASCII characters, {@code X-Mailgun-Variables} as a JSON object, and
 * the yes/no values of the {@code X-Mailgun-*} option headers. Rule ids are {@code mailgun.*}.
 *
 * @see <a href="https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/pass-sending-options">Passing Sending Options</a>
 * @see <a href="https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/track-tagging">Tags</a>
 */
package dev.mailgate.mailgun.rules;
