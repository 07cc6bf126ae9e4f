/**
 * Brevo's documented sending rules that can be checked before a message leaves: the 20 MB size limit for
 * transactional e-mail, the attachment file extensions Brevo accepts, and one {@code X-Mailin-custom} header (the
 * value its webhooks return). Rule ids are {@code brevo.*}.
 *
 * @see <a href="https://help.brevo.com/hc/en-us/articles/4402811730962">Add an attachment to a transactional email</a>
 * @see <a href="https://developers.brevo.com/docs/transactional-webhooks">Transactional webhooks</a>
 */
package dev.mailgate.brevo.rules;
