package dev.mailgate.ses.webhook;

import java.net.URI;
import java.util.Objects;

/**
 * A SubscriptionConfirmation (or UnsubscribeConfirmation) SNS sent to the endpoint. To confirm, the application
 * visits {@link #subscribeUrl()} (or calls the SNS ConfirmSubscription API with the token); the codec has checked that
 * the URL is an {@code https://sns.<region>.amazonaws.com/} one.
 *
 * @param type {@code SubscriptionConfirmation} or {@code UnsubscribeConfirmation}
 */
public record SnsSubscription(String type, String topicArn, URI subscribeUrl, String token, String messageId) {
    public SnsSubscription {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topicArn, "topicArn");
        Objects.requireNonNull(subscribeUrl, "subscribeUrl");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(messageId, "messageId");
    }
}
