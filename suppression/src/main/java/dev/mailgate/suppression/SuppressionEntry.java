package dev.mailgate.suppression;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.suppression.SuppressionList;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An address on a list, with why. The address is kept as it was written (for display); lists match it by
 * {@link AddressKey}.
 *
 * @param campaign the campaign of a campaign-scoped unsubscribe; empty for global entries and for suppression
 * @param reason why, for people (e.g. {@code hard bounce userunknown 5.1.1})
 * @param source what put it there: a provider id ({@code bounce-mail}, {@code cloudmailin}) or {@code operator}
 */
public record SuppressionEntry(EmailAddress address, SuppressionList list, Optional<String> campaign, String reason, String source,
        Instant at) {
    public SuppressionEntry {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        if (list == SuppressionList.SUPPRESSED && campaign.isPresent()) {
            throw new IllegalArgumentException("suppression is global; only unsubscribes have a campaign scope");
        }
    }
}
