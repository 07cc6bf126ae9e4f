package dev.mailgate.core.suppression;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.MailEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One change to a suppression or unsubscribe list, with why it happened.
 *
 * @param address the address concerned
 * @param list which list changed
 * @param added true when the address was put on the list, false when an operator (or policy) took it off
 * @param campaign for a campaign-scoped unsubscribe, the campaign; empty for global entries
 * @param reason why, for people and the audit trail (e.g. {@code hard bounce 5.1.1 userunknown})
 * @param cause the event that caused the change, if an event did
 * @param at when the change was made
 */
public record SuppressionChange(EmailAddress address, SuppressionList list, boolean added, Optional<String> campaign,
                                String reason, Optional<MailEvent> cause, Instant at) {
    public SuppressionChange {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(at, "at");
    }
}
