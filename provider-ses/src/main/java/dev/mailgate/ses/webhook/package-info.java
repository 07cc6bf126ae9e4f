/**
 * Amazon SES notifications delivered by Amazon SNS to an HTTPS endpoint: {@link dev.mailgate.ses.webhook.SesSnsCodec}
 * reads the SNS envelope and the SES bounce, complaint, delivery and event-publishing JSON inside it;
 * {@link dev.mailgate.ses.webhook.SnsSignatureAuthenticator} verifies the SNS message signature against the signing
 * certificate, fetched through a {@link dev.mailgate.ses.webhook.SnsCertificateFetcher} from an
 * {@code https://sns.<region>.amazonaws.com/} URL only.
 *
 * @see <a href="https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html">Verifying the signatures of Amazon SNS messages</a>
 * @see <a href="https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html">Amazon SNS notification contents for Amazon SES</a>
 * @see <a href="https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html">Contents of event data that Amazon SES publishes to Amazon SNS</a>
 */
package dev.mailgate.ses.webhook;
