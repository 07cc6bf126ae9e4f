package dev.mailgate.core.transport;

import dev.mailgate.core.address.EmailAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a send that reached the server.
 *
 * @param messageId the RFC 5322 Message-ID (without angle brackets) the message was sent with; empty only for a
 *        raw message that has none
 * @param providerMessageId the id the provider gave in its final reply (e.g. CloudMailin's "Queued as"), which its
 *        webhooks refer to
 * @param recipients one outcome per envelope recipient, in envelope order
 * @param startedAt when sending began
 * @param duration from the start until the server's final reply
 */
public record SendReceipt(Optional<String> messageId, Optional<String> providerMessageId, List<RecipientOutcome> recipients,
                          Instant startedAt, Duration duration) {
    public SendReceipt {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
    }

    public List<EmailAddress> accepted() {
        return recipients.stream().filter(r -> r instanceof RecipientOutcome.Accepted).map(RecipientOutcome::recipient).toList();
    }

    public List<RecipientOutcome.Rejected> rejected() {
        return recipients.stream().filter(r -> r instanceof RecipientOutcome.Rejected).map(r -> (RecipientOutcome.Rejected) r).toList();
    }

    public List<EmailAddress> suppressed() {
        return recipients.stream().filter(r -> r instanceof RecipientOutcome.Suppressed).map(RecipientOutcome::recipient).toList();
    }

    /** Whether every recipient was accepted. */
    public boolean allAccepted() {
        return recipients.stream().allMatch(r -> r instanceof RecipientOutcome.Accepted);
    }
}
