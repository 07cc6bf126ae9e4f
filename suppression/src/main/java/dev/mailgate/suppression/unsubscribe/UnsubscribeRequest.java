package dev.mailgate.suppression.unsubscribe;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.event.UnsubscribeScope;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a valid token asks for.
 *
 * @param campaign the campaign to leave; empty means every mailing (GLOBAL)
 * @param token the token itself, the event id of the unsubscribe (a repeated click changes nothing)
 */
public record UnsubscribeRequest(EmailAddress recipient, Optional<String> campaign, Instant expires, String token) {
    public UnsubscribeRequest {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(token, "token");
    }

    /** The unsubscribe as a core event, for {@code Suppressions.ingest}. */
    public MailEvent.Unsubscribed toEvent(Instant receivedAt) {
        EventDetails.Builder d = EventDetails.builder("one-click-unsubscribe", receivedAt).recipient(recipient).occurredAt(receivedAt)
                .eventId(token);
        campaign.ifPresent(d::campaign);
        return new MailEvent.Unsubscribed(d.build(), campaign.isPresent() ? UnsubscribeScope.CAMPAIGN : UnsubscribeScope.GLOBAL);
    }
}
