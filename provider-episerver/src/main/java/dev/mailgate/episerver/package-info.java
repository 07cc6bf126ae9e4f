/**
 * The Episerver Campaign SMTP API (the Episerver seed): the preset (port 25, STARTTLS), mailing codes in
 * {@code X-bm-mailing}, the one-message-per-recipient split, message ids and the bounce forwarding mailbox.
 */
package dev.mailgate.episerver;
