package dev.mailgate.suppression;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.Envelope;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.message.RawMessage;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Transport} that checks every envelope recipient against the suppression lists before sending: suppressed
 * and (globally or for the message's campaign) unsubscribed recipients are left out of RCPT TO and reported in the
 * receipt as {@link RecipientOutcome.Suppressed}, never silently dropped; a message with nobody left is not sent at
 * all. The campaign of an {@link EmailMessage} is its metadata {@value #CAMPAIGN}; a raw message has none (global
 * lists only). A batch is checked with one store lookup per campaign, not one per recipient. Which unsubscribes
 * count is the {@link ExclusionPolicy} (the CRM seed's "Address exclusion policy"; default
 * {@link ExclusionPolicy#CAMPAIGN}). Recipients match by {@link AddressKey}: {@code John.Doe@Example.COM} is left out
 * when {@code john.doe@example.com} is suppressed.
 */
public final class SuppressionFilter implements Transport {
    /** The metadata key that carries an {@link EmailMessage}'s campaign id. */
    public static final String CAMPAIGN = "campaign";

    private final Transport delegate;
    private final Suppressions suppressions;
    private final ExclusionPolicy exclusion;
    private final Clock clock;

    public SuppressionFilter(Transport delegate, Suppressions suppressions, ExclusionPolicy exclusion, Clock clock) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.exclusion = Objects.requireNonNull(exclusion, "exclusion");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SuppressionFilter(Transport delegate, Suppressions suppressions, Clock clock) {
        this(delegate, suppressions, ExclusionPolicy.CAMPAIGN, clock);
    }

    /** @param exclusion which unsubscribes leave a recipient out (the CRM seed's Campaigns or Global) */
    public SuppressionFilter(Transport delegate, Suppressions suppressions, ExclusionPolicy exclusion) {
        this(delegate, suppressions, exclusion, Clock.systemUTC());
    }

    public SuppressionFilter(Transport delegate, Suppressions suppressions) {
        this(delegate, suppressions, ExclusionPolicy.CAMPAIGN);
    }

    @Override
    public SendReceipt send(OutboundMessage message) {
        Map<EmailAddress, SuppressionList> blocked = suppressions.blocked(message.envelope().recipients(), campaign(message), exclusion);
        return sendFiltered(message, blocked);
    }

    @Override
    public CompletableFuture<SendReceipt> sendAsync(OutboundMessage message) {
        Map<EmailAddress, SuppressionList> blocked = suppressions.blocked(message.envelope().recipients(), campaign(message), exclusion);
        List<EmailAddress> remaining = remaining(message, blocked);
        if (remaining.isEmpty()) {
            return CompletableFuture.completedFuture(nobodyLeft(message, blocked));
        }
        return delegate.sendAsync(restricted(message, remaining)).thenApply(r -> merged(message, r, blocked));
    }

    @Override
    public List<SendResult> sendBatch(Collection<? extends OutboundMessage> messages) {
        List<? extends OutboundMessage> list = List.copyOf(messages);
        // one lookup per campaign for the whole batch
        Map<Optional<String>, List<EmailAddress>> byCampaign = new LinkedHashMap<>();
        for (OutboundMessage m : list) {
            byCampaign.computeIfAbsent(campaign(m), c -> new ArrayList<>()).addAll(m.envelope().recipients());
        }
        Map<Optional<String>, Map<EmailAddress, SuppressionList>> blockedByCampaign = new HashMap<>();
        byCampaign.forEach((c, addresses) -> blockedByCampaign.put(c, suppressions.blocked(addresses, c, exclusion)));

        SendResult[] results = new SendResult[list.size()];
        List<OutboundMessage> toSend = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            OutboundMessage m = list.get(i);
            Map<EmailAddress, SuppressionList> blocked = only(blockedByCampaign.get(campaign(m)), m.envelope().recipients());
            List<EmailAddress> remaining = remaining(m, blocked);
            if (remaining.isEmpty()) {
                results[i] = new SendResult.Sent(m, nobodyLeft(m, blocked));
            } else {
                toSend.add(restricted(m, remaining));
                positions.add(i);
            }
        }
        List<SendResult> sent = toSend.isEmpty() ? List.of() : delegate.sendBatch(toSend);
        for (int k = 0; k < sent.size(); k++) {
            int i = positions.get(k);
            OutboundMessage original = list.get(i);
            Map<EmailAddress, SuppressionList> blocked = only(blockedByCampaign.get(campaign(original)), original.envelope().recipients());
            SendResult r = sent.get(k);
            results[i] = r instanceof SendResult.Sent s ? new SendResult.Sent(original, merged(original, s.receipt(), blocked))
                    : new SendResult.Failed(original, ((SendResult.Failed) r).error());
        }
        return List.of(results);
    }

    private SendReceipt sendFiltered(OutboundMessage message, Map<EmailAddress, SuppressionList> blocked) {
        if (blocked.isEmpty()) {
            return delegate.send(message);
        }
        List<EmailAddress> remaining = remaining(message, blocked);
        if (remaining.isEmpty()) {
            return nobodyLeft(message, blocked);
        }
        return merged(message, delegate.send(restricted(message, remaining)), blocked);
    }

    static Optional<String> campaign(OutboundMessage m) {
        return m instanceof EmailMessage e ? Optional.ofNullable(e.metadata().get(CAMPAIGN)) : Optional.empty();
    }

    private static Map<EmailAddress, SuppressionList> only(Map<EmailAddress, SuppressionList> all, List<EmailAddress> recipients) {
        Map<EmailAddress, SuppressionList> out = new LinkedHashMap<>();
        for (EmailAddress r : recipients) {
            SuppressionList l = all.get(r);
            if (l != null) {
                out.put(r, l);
            }
        }
        return out;
    }

    private static List<EmailAddress> remaining(OutboundMessage m, Map<EmailAddress, SuppressionList> blocked) {
        return m.envelope().recipients().stream().filter(r -> !blocked.containsKey(r)).toList();
    }

    private static OutboundMessage restricted(OutboundMessage m, List<EmailAddress> remaining) {
        if (remaining.size() == m.envelope().recipients().size()) {
            return m;
        }
        if (m instanceof EmailMessage e) {
            return e.toBuilder().envelopeRecipients(remaining).build();
        }
        RawMessage raw = (RawMessage) m;
        return RawMessage.of(raw.bytes(), new Envelope(raw.envelope().mailFrom(), remaining));
    }

    private SendReceipt nobodyLeft(OutboundMessage m, Map<EmailAddress, SuppressionList> blocked) {
        return new SendReceipt(m.messageId(), Optional.empty(), outcomes(m.envelope().recipients(), List.of(), blocked), clock.instant(),
                Duration.ZERO);
    }

    /** The delegate's outcomes with the left-out recipients put back, in envelope order. */
    private static SendReceipt merged(OutboundMessage original, SendReceipt sent, Map<EmailAddress, SuppressionList> blocked) {
        return new SendReceipt(sent.messageId(), sent.providerMessageId(),
                outcomes(original.envelope().recipients(), sent.recipients(), blocked), sent.startedAt(), sent.duration());
    }

    private static List<RecipientOutcome> outcomes(List<EmailAddress> envelope, List<RecipientOutcome> sent,
            Map<EmailAddress, SuppressionList> blocked) {
        Map<EmailAddress, RecipientOutcome> byAddress = new HashMap<>();
        sent.forEach(o -> byAddress.put(o.recipient(), o));
        List<RecipientOutcome> out = new ArrayList<>(envelope.size());
        for (EmailAddress r : envelope) {
            SuppressionList l = blocked.get(r);
            out.add(l != null ? new RecipientOutcome.Suppressed(r, l == SuppressionList.SUPPRESSED ? "suppressed" : "unsubscribed")
                    : byAddress.get(r));
        }
        return out;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
