/**
 * Mailjet's documented sending rules that can be checked before a message leaves: the message size limit, and the
 * custom headers whose value the Event API returns ({@code X-MJ-CustomID}, {@code X-MJ-EventPayload},
 * {@code X-Mailjet-Campaign}) given once each. Rule ids are {@code mailjet.*}.
 *
 * @see <a href="https://dev.mailjet.com/smtp-relay/custom-headers/">SMTP Relay custom headers</a>
 * @see <a href="https://dev.mailjet.com/email/guides/webhooks/">Event tracking (webhooks)</a>
 */
package dev.mailgate.mailjet.rules;
