package dev.mailgate.suppression;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.suppression.SuppressionChange;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.core.suppression.SuppressionListener;
import dev.mailgate.suppression.store.IngestResult;
import dev.mailgate.suppression.store.Ingestion;
import dev.mailgate.suppression.store.SuppressionStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The suppression lists of an application: events go in ({@link #ingest}, from bounce mailboxes, webhooks and
 * callbacks), the policy decides, the store applies each event once, and listeners hear of every change after it
 * is stored. Failures aimed at the sender change no list: {@link SenderSignalListener}s hear of each once, and
 * {@link #senderSignals()} counts them by reason (a metric to export). Operators add, remove (with a reason kept
 * in the audit trail) and reset counters.
 */
public final class Suppressions {
    private static final System.Logger LOG = System.getLogger(Suppressions.class.getName());

    private final SuppressionStore store;
    private final SuppressionPolicy policy;
    private final Clock clock;
    private final List<SuppressionListener> listeners = new CopyOnWriteArrayList<>();
    private final List<SenderSignalListener> senderListeners = new CopyOnWriteArrayList<>();
    private final Map<BounceReason, LongAdder> senderCounts = new ConcurrentHashMap<>();

    public Suppressions(SuppressionStore store, SuppressionPolicy policy, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Suppressions(SuppressionStore store, SuppressionPolicy policy) {
        this(store, policy, Clock.systemUTC());
    }

    public SuppressionStore store() {
        return store;
    }

    public void addListener(SuppressionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Hears of every sender-side failure once (see {@link SenderSignal}). */
    public void addSenderSignalListener(SenderSignalListener listener) {
        senderListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** How many sender-side failures were ingested since this instance started, by reason (replays not counted). */
    public Map<BounceReason, Long> senderSignals() {
        Map<BounceReason, Long> out = new EnumMap<>(BounceReason.class);
        senderCounts.forEach((r, n) -> out.put(r, n.sum()));
        return out;
    }

    /** Applies one event; returns the list changes it caused (none for a replayed event). */
    public List<SuppressionChange> ingest(MailEvent event) {
        Optional<Ingestion> decision = policy.decide(event);
        if (decision.isEmpty()) {
            return List.of();
        }
        IngestResult result = store.ingest(decision.get());
        if (!result.duplicate()) {
            signal(event);
        }
        if (!result.added()) {
            return List.of();
        }
        SuppressionEntry e = decision.get().entry().orElseThrow();
        SuppressionChange change = new SuppressionChange(e.address(), e.list(), true, e.campaign(), e.reason(), Optional.of(event), e.at());
        fire(change);
        return List.of(change);
    }

    /** Applies a batch of events in one store transaction (one commit), then tells the listeners. */
    public List<SuppressionChange> ingestAll(Collection<? extends MailEvent> events) {
        List<MailEvent> decided = new ArrayList<>();
        List<Ingestion> ingestions = new ArrayList<>();
        for (MailEvent e : events) {
            policy.decide(e).ifPresent(i -> {
                decided.add(e);
                ingestions.add(i);
            });
        }
        if (ingestions.isEmpty()) {
            return List.of();
        }
        List<IngestResult> results = store.ingestAll(ingestions);
        List<SuppressionChange> out = new ArrayList<>();
        for (int k = 0; k < results.size(); k++) {
            if (!results.get(k).duplicate()) {
                signal(decided.get(k));
            }
            if (results.get(k).added()) {
                SuppressionEntry e = ingestions.get(k).entry().orElseThrow();
                SuppressionChange change = new SuppressionChange(e.address(), e.list(), true, e.campaign(), e.reason(), Optional.of(decided.get(k)), e.at());
                fire(change);
                out.add(change);
            }
        }
        return out;
    }

    /** An operator's or an import's entry. */
    public boolean add(EmailAddress address, SuppressionList list, Optional<String> campaign, String reason) {
        SuppressionEntry e = new SuppressionEntry(address, list, campaign, reason, "operator", clock.instant());
        boolean added = store.add(e);
        if (added) {
            fire(new SuppressionChange(address, list, true, campaign, reason, Optional.empty(), e.at()));
        }
        return added;
    }

    /** An operator's removal; the reason stays in the audit trail. Complaints come off only this way. */
    public boolean remove(EmailAddress address, SuppressionList list, Optional<String> campaign, String reason) {
        boolean removed = store.remove(address, list, campaign, reason, "operator");
        if (removed) {
            fire(new SuppressionChange(address, list, false, campaign, reason, Optional.empty(), clock.instant()));
        }
        return removed;
    }

    public void resetCounts(EmailAddress address) {
        store.resetCounts(address, Optional.empty());
    }

    /** Which of the addresses may not be mailed for the campaign, under {@link ExclusionPolicy#CAMPAIGN}. */
    public Map<EmailAddress, SuppressionList> blocked(Collection<EmailAddress> addresses, Optional<String> campaign) {
        return blocked(addresses, campaign, ExclusionPolicy.CAMPAIGN);
    }

    /** Which of the addresses may not be mailed for the campaign under the exclusion policy (one store round trip). */
    public Map<EmailAddress, SuppressionList> blocked(Collection<EmailAddress> addresses, Optional<String> campaign, ExclusionPolicy exclusion) {
        return store.blocked(addresses, campaign, exclusion);
    }

    private void signal(MailEvent event) {
        Optional<SenderSignal> signal = SuppressionPolicy.senderSignal(event);
        if (signal.isEmpty()) {
            return;
        }
        senderCounts.computeIfAbsent(signal.get().reason(), r -> new LongAdder()).increment();
        LOG.log(System.Logger.Level.WARNING, () -> "sender-side failure (" + signal.get().reason().id() + ") reported by " + signal.get().provider()
                + signal.get().recipientDomain().map(d -> " for " + d).orElse("") + "; no address is counted for it");
        for (SenderSignalListener l : senderListeners) {
            try {
                l.onSenderSignal(signal.get());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a SenderSignalListener threw; the others are still told", e);
            }
        }
    }

    private void fire(SuppressionChange change) {
        for (SuppressionListener l : listeners) {
            try {
                l.onChange(change);
            } catch (RuntimeException e) {
                // the change is stored; a listener's failure must not undo it or silence the others
                LOG.log(System.Logger.Level.WARNING, "a SuppressionListener threw; the change stands", e);
            }
        }
    }
}
