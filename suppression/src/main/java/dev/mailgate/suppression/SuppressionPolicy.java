package dev.mailgate.suppression;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceJudgment;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventKeys;
import dev.mailgate.core.event.FailureSide;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.event.UnsubscribeScope;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.core.transport.EnhancedStatusCode;
import dev.mailgate.suppression.store.Ingestion;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns {@link MailEvent}s into list changes. First, whose failure it is: {@link FailureSide#of} by the event's
 * reason, the one place that decides. Only a recipient-side failure counts toward the address; a sender-side one
 * (our IP or domain blocked, a rate limit, our authentication, our content) is a {@link SenderSignal} and changes
 * no list (issue 19: suppressing for it drops a good address). Then, for the recipient's failures, defaults from
 * the seeds:
 * <ul>
 * <li>hard bounce → suppressed at once (the CRM seed's suppressed list); {@link Builder#hardBounceUnsubscribes}
 *     gives the generic SMTP integration's "the users are marked as unsubscribed" instead;</li>
 * <li>soft bounce → counted; suppressed as unreachable at 3 within a sliding 30 days (the CRM seed's bounce
 *     threshold), the count cleared by a delivery; the generic SMTP integration counts them only
 *     ({@code SuppressionAction.NONE});</li>
 * <li>a deferral (delayed, will be retried) → nothing: the retrying MTA reports the final outcome, and that final
 *     failure counts, once; three delay notices of one message are not three bounces (unless the deferral's own
 *     status is permanent and its judgment hard);</li>
 * <li>complaint → suppressed at once, and never reactivated automatically (only an operator removes it);</li>
 * <li>blocked (the provider refused to attempt delivery to the address, e.g. its suppression list) → suppressed at
 *     once;</li>
 * <li>unsubscribe → the unsubscribe list, scope CAMPAIGN (with the event's campaign) or GLOBAL;</li>
 * <li>auto-replies, opens, clicks, queued and unknown events → nothing.</li>
 * </ul>
 * Hard or soft is not decided here: it is {@link BounceJudgment} of the event's reason, status, stage and reported
 * class, the one decision every path shares (issue 17), so a bounce mail, a webhook and a callback that carry the
 * same evidence count the same. An undetermined failure counts as soft ({@link BounceJudgment#counted()}).
 */
public final class SuppressionPolicy {
    private final Map<EventClass, ClassRule> rules;

    private SuppressionPolicy(Map<EventClass, ClassRule> rules) {
        this.rules = Map.copyOf(rules);
    }

    public static SuppressionPolicy defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public ClassRule rule(EventClass c) {
        return rules.get(c);
    }

    /** The class an event counts as toward its recipient, if it is a recipient-side failure. */
    public static Optional<EventClass> classOf(MailEvent event) {
        if (event instanceof MailEvent.Complained) {
            return Optional.of(EventClass.COMPLAINT);
        }
        Optional<BounceReason> reason = failureReason(event);
        if (reason.isEmpty() || FailureSide.of(reason.get()) != FailureSide.RECIPIENT) {
            return Optional.empty();
        }
        if (event instanceof MailEvent.Bounced b) {
            return Optional.of(counted(BounceJudgment.of(b.reason(), b.diagnostic(), b.diagnostic().stage(), b.bounceClass())));
        }
        if (event instanceof MailEvent.Deferred d) {
            // a deferral is temporary by definition; only one whose own status is permanent (5.x.x) is in fact a final
            // failure, and it counts only when that failure is hard (see above)
            Optional<EnhancedStatusCode> permanent = d.diagnostic().status().filter(EnhancedStatusCode::isPermanent);
            return permanent.map(s -> BounceJudgment.of(d.reason(), permanent, d.diagnostic().stage()))
                    .filter(j -> j.bounceClass() == BounceClass.HARD).map(SuppressionPolicy::counted);
        }
        return Optional.of(EventClass.BLOCKED);
    }

    /** The sender-side signal an event raises, if it is a failure aimed at the sender. */
    public static Optional<SenderSignal> senderSignal(MailEvent event) {
        Optional<BounceReason> reason = failureReason(event);
        if (reason.isEmpty() || FailureSide.of(reason.get()) != FailureSide.SENDER) {
            return Optional.empty();
        }
        return Optional.of(new SenderSignal(reason.get(), event.recipient().map(EmailAddress::normalizedDomain), event.details().provider(),
                at(event), event));
    }

    /** The reason of a delivery failure (bounced, deferred, blocked); empty for every other event. */
    private static Optional<BounceReason> failureReason(MailEvent event) {
        if (event instanceof MailEvent.Bounced b) {
            return Optional.of(b.reason());
        }
        if (event instanceof MailEvent.Deferred d) {
            return Optional.of(d.reason());
        }
        if (event instanceof MailEvent.Blocked b) {
            return Optional.of(b.reason());
        }
        return Optional.empty();
    }

    private static Instant at(MailEvent event) {
        return event.details().occurredAt().orElse(event.details().receivedAt());
    }

    /** The class a judgment counts as: hard, or soft (undetermined included). */
    private static EventClass counted(BounceJudgment j) {
        return j.counted() == BounceClass.HARD ? EventClass.HARD : EventClass.SOFT;
    }

    /** What an event changes, if anything; the store applies it atomically and once. */
    public Optional<Ingestion> decide(MailEvent event) {
        Optional<EmailAddress> recipient = event.recipient();
        if (recipient.isEmpty()) {
            return Optional.empty();
        }
        EmailAddress address = recipient.get();
        String key = EventKeys.of(event);
        Instant at = at(event);
        if (event instanceof MailEvent.Unsubscribed u) {
            Optional<String> campaign = u.scope() == UnsubscribeScope.CAMPAIGN ? event.details().campaign() : Optional.empty();
            SuppressionEntry entry = new SuppressionEntry(address, SuppressionList.UNSUBSCRIBED, campaign,
                    "unsubscribe " + u.scope().name().toLowerCase(java.util.Locale.ROOT) + campaign.map(c -> " " + c).orElse(""),
                    event.details().provider(), at);
            return Optional.of(new Ingestion(key, address, Optional.empty(), 1, Duration.ofDays(1), Optional.of(entry), Set.of(), at));
        }
        if (event instanceof MailEvent.Delivered) {
            Set<EventClass> reset = EnumSet.noneOf(EventClass.class);
            rules.forEach((c, r) -> {
                if (r.resetOnDelivery()) {
                    reset.add(c);
                }
            });
            return reset.isEmpty() ? Optional.empty()
                    : Optional.of(new Ingestion(key, address, Optional.empty(), 1, Duration.ofDays(1), Optional.empty(), reset, at));
        }
        Optional<EventClass> klass = classOf(event);
        if (klass.isEmpty()) {
            // a sender-side failure changes no list, but its key is recorded so that a replay raises no second signal
            return senderSignal(event).map(s -> new Ingestion(key, address, Optional.empty(), 1, Duration.ofDays(1), Optional.empty(), Set.of(), at));
        }
        ClassRule rule = rules.get(klass.get());
        Optional<SuppressionEntry> entry = switch (rule.action()) {
            case NONE -> Optional.empty();
            case SUPPRESS -> Optional.of(new SuppressionEntry(address, SuppressionList.SUPPRESSED, Optional.empty(), why(event, klass.get(), rule),
                    event.details().provider(), at));
            case UNSUBSCRIBE -> Optional.of(new SuppressionEntry(address, SuppressionList.UNSUBSCRIBED, Optional.empty(),
                    why(event, klass.get(), rule), event.details().provider(), at));
        };
        return Optional.of(new Ingestion(key, address, klass, rule.threshold(), rule.window(), entry, Set.of(), at));
    }

    /** The audit reason: class, event type, reason and status, and the threshold when it took more than one. */
    private static String why(MailEvent event, EventClass c, ClassRule rule) {
        StringBuilder b = new StringBuilder(c.name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                .append(event.type().name().toLowerCase(java.util.Locale.ROOT));
        Diagnostic d = event instanceof MailEvent.Bounced x ? x.diagnostic() : event instanceof MailEvent.Deferred x ? x.diagnostic()
                : event instanceof MailEvent.Blocked x ? x.diagnostic() : Diagnostic.NONE;
        BounceReason reason = event instanceof MailEvent.Bounced x ? x.reason() : event instanceof MailEvent.Deferred x ? x.reason()
                : event instanceof MailEvent.Blocked x ? x.reason() : null;
        if (reason != null) {
            b.append(' ').append(reason.id());
        }
        d.status().ifPresent(s -> b.append(' ').append(s));
        if (rule.threshold() > 1) {
            b.append(" (").append(rule.threshold()).append(" within ").append(rule.window().toDays()).append(" days: unreachable)");
        }
        return b.toString();
    }

    /** Per-class rules; start from the defaults. */
    public static final class Builder {
        private final Map<EventClass, ClassRule> rules = new EnumMap<>(EventClass.class);

        private Builder() {
            Duration forever = Duration.ofDays(36_500);
            rules.put(EventClass.HARD, new ClassRule(1, forever, false, SuppressionAction.SUPPRESS));
            rules.put(EventClass.SOFT, new ClassRule(3, Duration.ofDays(30), true, SuppressionAction.SUPPRESS));
            rules.put(EventClass.COMPLAINT, new ClassRule(1, forever, false, SuppressionAction.SUPPRESS));
            rules.put(EventClass.BLOCKED, new ClassRule(1, forever, false, SuppressionAction.SUPPRESS));
        }

        public Builder rule(EventClass c, ClassRule rule) {
            rules.put(Objects.requireNonNull(c, "class"), Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /** The soft-bounce threshold (the CRM seed's "bounce threshold") and window. */
        public Builder softBounceThreshold(int threshold, Duration window) {
            ClassRule old = rules.get(EventClass.SOFT);
            return rule(EventClass.SOFT, new ClassRule(threshold, window, old.resetOnDelivery(), old.action()));
        }

        /**
         * The generic SMTP integration's seed rule: "Hard bounces ... the users are marked as unsubscribed" (a soft
         * bounce does not). Off by default: the CRM seed puts unreachable addresses on the suppressed list "(not to
         * the unsubscribe list)", which keeps "asked not to be mailed" apart from "cannot be mailed".
         */
        public Builder hardBounceUnsubscribes(boolean on) {
            ClassRule old = rules.get(EventClass.HARD);
            return rule(EventClass.HARD, new ClassRule(old.threshold(), old.window(), old.resetOnDelivery(),
                    on ? SuppressionAction.UNSUBSCRIBE : SuppressionAction.SUPPRESS));
        }

        public SuppressionPolicy build() {
            return new SuppressionPolicy(rules);
        }
    }
}
