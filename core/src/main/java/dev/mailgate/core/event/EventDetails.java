package dev.mailgate.core.event;

import dev.mailgate.core.address.EmailAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields every {@link MailEvent} has. Many are optional because providers differ: some send no event time,
 * some no event id, and a bounce mail knows the Message-ID but not the provider's id.
 */
public final class EventDetails {
    private final String provider;
    private final EmailAddress recipient;
    private final Instant receivedAt;
    private final Instant occurredAt;
    private final String eventId;
    private final String messageId;
    private final String providerMessageId;
    private final String campaign;
    private final List<String> tags;
    private final Map<String, String> metadata;
    private final String rawPayload;

    private EventDetails(Builder b) {
        this.provider = Objects.requireNonNull(b.provider, "provider");
        this.recipient = b.recipient;
        this.receivedAt = Objects.requireNonNull(b.receivedAt, "receivedAt");
        this.occurredAt = b.occurredAt;
        this.eventId = b.eventId;
        this.messageId = b.messageId;
        this.providerMessageId = b.providerMessageId;
        this.campaign = b.campaign;
        this.tags = List.copyOf(b.tags);
        this.metadata = Map.copyOf(b.metadata);
        this.rawPayload = b.rawPayload == null ? "" : b.rawPayload;
    }

    /** @param provider the provider or format id that produced the event, e.g. {@code cloudmailin} */
    public static Builder builder(String provider, Instant receivedAt) {
        return new Builder(provider, receivedAt);
    }

    public Builder toBuilder() {
        Builder b = new Builder(provider, receivedAt);
        b.recipient = recipient;
        b.occurredAt = occurredAt;
        b.eventId = eventId;
        b.messageId = messageId;
        b.providerMessageId = providerMessageId;
        b.campaign = campaign;
        b.tags.addAll(tags);
        b.metadata.putAll(metadata);
        b.rawPayload = rawPayload;
        return b;
    }

    public String provider() {
        return provider;
    }

    /** The recipient concerned; empty only for an unknown event that names none. */
    public Optional<EmailAddress> recipient() {
        return Optional.ofNullable(recipient);
    }

    /** When Mailgate received the event. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** When the event happened, if the provider said so. */
    public Optional<Instant> occurredAt() {
        return Optional.ofNullable(occurredAt);
    }

    /** The provider's id of this event (for de-duplication); not the message id. */
    public Optional<String> eventId() {
        return Optional.ofNullable(eventId);
    }

    /** The RFC 5322 Message-ID of the message concerned, without angle brackets. */
    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    /** The provider's id of the message (e.g. the SMTP "Queued as" id). */
    public Optional<String> providerMessageId() {
        return Optional.ofNullable(providerMessageId);
    }

    /** The campaign or mailing the event belongs to, if known. */
    public Optional<String> campaign() {
        return Optional.ofNullable(campaign);
    }

    public List<String> tags() {
        return tags;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** The payload the event was decoded from (JSON, or the headers of a bounce mail), kept for audit and replay. */
    public String rawPayload() {
        return rawPayload;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventDetails d && provider.equals(d.provider) && Objects.equals(recipient, d.recipient)
                && receivedAt.equals(d.receivedAt) && Objects.equals(occurredAt, d.occurredAt)
                && Objects.equals(eventId, d.eventId) && Objects.equals(messageId, d.messageId)
                && Objects.equals(providerMessageId, d.providerMessageId) && Objects.equals(campaign, d.campaign)
                && tags.equals(d.tags) && metadata.equals(d.metadata) && rawPayload.equals(d.rawPayload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(provider, recipient, receivedAt, occurredAt, eventId, messageId, providerMessageId, campaign);
    }

    @Override
    public String toString() {
        return "EventDetails[provider=" + provider + ", recipient=" + recipient + ", occurredAt=" + occurredAt
                + ", messageId=" + messageId + ", providerMessageId=" + providerMessageId + ", campaign=" + campaign + "]";
    }

    /** Collects the fields of {@link EventDetails}. */
    public static final class Builder {
        private final String provider;
        private final Instant receivedAt;
        private EmailAddress recipient;
        private Instant occurredAt;
        private String eventId;
        private String messageId;
        private String providerMessageId;
        private String campaign;
        private final List<String> tags = new ArrayList<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private String rawPayload;

        private Builder(String provider, Instant receivedAt) {
            this.provider = Objects.requireNonNull(provider, "provider");
            this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        }

        public Builder recipient(EmailAddress recipient) {
            this.recipient = recipient;
            return this;
        }

        public Builder occurredAt(Instant occurredAt) {
            this.occurredAt = occurredAt;
            return this;
        }

        public Builder eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder providerMessageId(String providerMessageId) {
            this.providerMessageId = providerMessageId;
            return this;
        }

        public Builder campaign(String campaign) {
            this.campaign = campaign;
            return this;
        }

        public Builder tag(String tag) {
            tags.add(Objects.requireNonNull(tag, "tag"));
            return this;
        }

        public Builder metadata(String key, String value) {
            metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder rawPayload(String raw) {
            this.rawPayload = raw;
            return this;
        }

        public EventDetails build() {
            return new EventDetails(this);
        }
    }
}
