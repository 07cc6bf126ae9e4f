/**
 * SparkPost's sending rules that can be checked before a message leaves, all about the {@code X-MSYS-API} header: one
 * per message, a JSON object with the documented field types, {@code campaign_id} of at most 64 bytes. Rule ids are
 * {@code sparkpost.*}.
 *
 * @see <a href="https://developers.sparkpost.com/api/smtp/">SMTP API</a>
 * @see <a href="https://developers.sparkpost.com/api/transmissions/">Transmissions</a>
 */
package dev.mailgate.sparkpost.rules;
