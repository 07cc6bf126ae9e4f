/**
 * Amazon SES's documented sending rules that can be checked before a message leaves: 40 MB per message over SMTP,
 * 50 recipients per message, one well-formed {@code X-SES-CONFIGURATION-SET}, and {@code X-SES-MESSAGE-TAGS} whose
 * names and values SES accepts. Rule ids are {@code ses.*}.
 *
 * @see <a href="https://docs.aws.amazon.com/ses/latest/dg/quotas.html">Service quotas in Amazon SES</a>
 * @see <a href="https://docs.aws.amazon.com/ses/latest/dg/using-configuration-sets-in-email.html">Specifying a configuration set when you send email</a>
 */
package dev.mailgate.ses.rules;
