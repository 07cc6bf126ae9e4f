package dev.mailgate.ses.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.json.JsonPayloads;
import dev.mailgate.core.limits.InputLimits;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Amazon SES notifications as Amazon SNS delivers them to an HTTP(S) subscription: the SNS envelope
 * ({@code Type}, {@code MessageId}, {@code Message}, ...) whose {@code Message} is the SES JSON, either a
 * notification ({@code notificationType} Bounce, Complaint, Delivery:
 * https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html) or a published event ({@code eventType}:
 * https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html). One SES notification can
 * name several recipients; each becomes an event, with the SNS MessageId and the recipient's index as event id (SNS
 * redelivers with the same MessageId, so de-duplication holds). The mapping table is on {@link SesEvents}.
 *
 * <p>A {@code SubscriptionConfirmation} or {@code UnsubscribeConfirmation} is reported as {@link MailEvent.Unknown}
 * (kind = the Type, raw JSON kept) and, if a callback is configured, handed to it as an {@link SnsSubscription} to
 * confirm. Put the codec behind {@link SnsSignatureAuthenticator} (as {@code WebhookHandler} does), so that only
 * messages signed by SNS reach the callback.
 */
public final class SesSnsCodec implements CallbackCodec {
    public static final String FORMAT = "ses-sns";
    static final String PROVIDER = "ses";
    /** Parses within {@link InputLimits#defaults()}; the handler in front bounds the body with the application's limits. */
    static final ObjectMapper JSON = JsonPayloads.mapper(InputLimits.defaults());


    private final Consumer<SnsSubscription> onSubscription;

    private SesSnsCodec(Builder b) {
        this.onSubscription = b.onSubscription;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public List<MailEvent> decode(byte[] payload, Instant receivedAt) {
        JsonNode root = JsonPayloads.read(FORMAT, JSON, payload, InputLimits.defaults());
        SnsMessage sns = SnsMessage.read(FORMAT, root);
        EventDetails.Builder base = EventDetails.builder(PROVIDER, receivedAt).rawPayload(new String(payload, StandardCharsets.UTF_8).strip());
        if (sns.isConfirmation()) {
            URI url = SnsMessage.snsUrl(sns.subscribeUrl().orElseThrow()).orElseThrow(() -> new CallbackFormatException(FORMAT, "$.SubscribeURL",
                    "not an https://sns.<region>.amazonaws.com/ URL; it will not be offered for confirmation", null));
            if (onSubscription != null) {
                onSubscription.accept(new SnsSubscription(sns.type(), sns.topicArn(), url, sns.token().orElseThrow(), sns.messageId()));
            }
            return List.of(new MailEvent.Unknown(base.eventId(sns.messageId()).metadata("TopicArn", sns.topicArn()).build(), sns.type()));
        }
        if (!sns.type().equals(SnsMessage.NOTIFICATION)) {
            return List.of(new MailEvent.Unknown(base.eventId(sns.messageId()).build(), sns.type()));
        }
        JsonNode ses;
        try {
            ses = JSON.readTree(sns.message());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new CallbackFormatException(FORMAT, "$.Message", "not JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        if (ses == null || !ses.isObject()) {
            throw new CallbackFormatException(FORMAT, "$.Message", "expected the SES notification object", null);
        }
        return SesEvents.decode(ses, "$.Message", sns.messageId(), base);
    }

    /** Where subscription confirmations go. */
    public static final class Builder {
        private Consumer<SnsSubscription> onSubscription;

        private Builder() {
        }

        /** Called for each (authenticated) SubscriptionConfirmation and UnsubscribeConfirmation, e.g. to visit the URL. */
        public Builder onSubscriptionConfirmation(Consumer<SnsSubscription> callback) {
            this.onSubscription = Objects.requireNonNull(callback, "callback");
            return this;
        }

        public SesSnsCodec build() {
            return new SesSnsCodec(this);
        }
    }
}
