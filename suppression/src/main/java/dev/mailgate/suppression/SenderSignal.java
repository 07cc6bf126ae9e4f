package dev.mailgate.suppression;

import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.MailEvent;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure aimed at the sender, not the recipient ({@link dev.mailgate.core.event.FailureSide#SENDER}): our IP or
 * domain blocked or of bad reputation, a rate limit, our SPF/DKIM/DMARC or TLS failing, our content judged spam. It
 * counts toward no address (suppressing the recipient would drop a good one); it is for the sender to act on.
 *
 * @param reason the failure's reason
 * @param recipientDomain the receiving domain that said it (blocks are usually per receiver), if the event named one
 * @param provider who reported it (the event's provider id)
 * @param event the event itself
 */
public record SenderSignal(BounceReason reason, Optional<String> recipientDomain, String provider, Instant at, MailEvent event) {
    public SenderSignal {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(recipientDomain, "recipientDomain");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(event, "event");
    }
}
