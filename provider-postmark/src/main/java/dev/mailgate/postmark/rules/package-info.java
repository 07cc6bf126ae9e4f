/**
 * Postmark's documented sending rules that can be checked before a message leaves: 10 MB including headers and
 * attachments, at most 50 recipients (To, Cc and Bcc together), one {@code X-PM-Message-Stream} naming a stream and
 * one {@code X-PM-Tag}. Rule ids are {@code postmark.*}.
 *
 * @see <a href="https://postmarkapp.com/developer">Postmark developer documentation: things you should know</a>
 * @see <a href="https://postmarkapp.com/support/article/1056-what-are-the-attachment-and-email-size-limits">Size limits</a>
 */
package dev.mailgate.postmark.rules;
