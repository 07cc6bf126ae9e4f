package dev.mailgate.core.event;

import dev.mailgate.core.address.EmailAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Something that happened to a sent message, whatever provider or bounce mail reported it. A closed set: match on
 * the case, or switch on {@link #type()}.
 */
public sealed interface MailEvent {
    EventDetails details();

    EventType type();

    default Optional<EmailAddress> recipient() {
        return details().recipient();
    }

    /** The provider accepted the message for delivery. */
    record Queued(EventDetails details) implements MailEvent {
        public Queued {
            Objects.requireNonNull(details, "details");
        }

        @Override
        public EventType type() {
            return EventType.QUEUED;
        }
    }

    /** The receiving server accepted the message. */
    record Delivered(EventDetails details, Diagnostic diagnostic) implements MailEvent {
        public Delivered {
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(diagnostic, "diagnostic");
        }

        @Override
        public EventType type() {
            return EventType.DELIVERED;
        }
    }

    /** Delivery failed for now and will be retried (RFC 3464 {@code Action: delayed}, a 4xx reply). */
    record Deferred(EventDetails details, BounceReason reason, Diagnostic diagnostic) implements MailEvent {
        public Deferred {
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(diagnostic, "diagnostic");
        }

        @Override
        public EventType type() {
            return EventType.DEFERRED;
        }
    }

    /** Delivery failed for good; {@link #bounceClass()} says whether the address itself is bad. */
    record Bounced(EventDetails details, BounceClass bounceClass, BounceReason reason, Diagnostic diagnostic) implements MailEvent {
        public Bounced {
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(bounceClass, "bounceClass");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(diagnostic, "diagnostic");
        }

        @Override
        public EventType type() {
            return EventType.BOUNCED;
        }
    }

    /** The provider or receiver refused to attempt delivery (a blocklisted address, a policy block). */
    record Blocked(EventDetails details, BounceReason reason, Diagnostic diagnostic) implements MailEvent {
        public Blocked {
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(diagnostic, "diagnostic");
        }

        @Override
        public EventType type() {
            return EventType.BLOCKED;
        }
    }

    /**
     * The recipient reported the message as spam (RFC 5965 feedback report, or a provider's complaint event).
     *
     * @param feedbackType the ARF Feedback-Type ({@code abuse}, {@code fraud}, ...) or empty if not given
     */
    record Complained(EventDetails details, Optional<String> feedbackType) implements MailEvent {
        public Complained {
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(feedbackType, "feedbackType");
        }

        @Override
        public EventType type() {
            return EventType.COMPLAINED;
        }
    }

    /**
     * The recipient asked not to receive mail: from one campaign ({@link UnsubscribeScope#CAMPAIGN}, with
     * {@code details().campaign()}) or from everything ({@link UnsubscribeScope#GLOBAL}).
     */
    record Unsubscribed(EventDetails details, UnsubscribeScope scope) implements MailEvent {
        public Unsubscribed {
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(scope, "scope");
            if (scope == UnsubscribeScope.CAMPAIGN && details.campaign().isEmpty()) {
                throw new IllegalArgumentException("a campaign-scoped unsubscribe needs details().campaign()");
            }
        }

        @Override
        public EventType type() {
            return EventType.UNSUBSCRIBED;
        }
    }

    record Opened(EventDetails details) implements MailEvent {
        public Opened {
            Objects.requireNonNull(details, "details");
        }

        @Override
        public EventType type() {
            return EventType.OPENED;
        }
    }

    /** @param url the link that was clicked, if the provider said */
    record Clicked(EventDetails details, Optional<String> url) implements MailEvent {
        public Clicked {
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(url, "url");
        }

        @Override
        public EventType type() {
            return EventType.CLICKED;
        }
    }

    /** An automatic reply (RFC 3834), such as a vacation notice: never a bounce. */
    record AutoReplied(EventDetails details) implements MailEvent {
        public AutoReplied {
            Objects.requireNonNull(details, "details");
        }

        @Override
        public EventType type() {
            return EventType.AUTO_REPLIED;
        }
    }

    /**
     * An event of a kind the codec does not know; {@code details().rawPayload()} keeps it whole.
     *
     * @param kind the provider's name for the event kind, as sent
     */
    record Unknown(EventDetails details, String kind) implements MailEvent {
        public Unknown {
            Objects.requireNonNull(details, "details");
            Objects.requireNonNull(kind, "kind");
        }

        @Override
        public EventType type() {
            return EventType.UNKNOWN;
        }
    }
}
