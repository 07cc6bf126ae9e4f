package dev.mailgate.suppression.store;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.SuppressionEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A store in memory, for tests and single-run tools: everything is lost with the JVM. Thread-safe. */
public final class InMemorySuppressionStore implements SuppressionStore {
    private record Counter(int count, Instant windowStart) {
    }

    private final Set<String> events = new HashSet<>();
    private final Map<String, Counter> counters = new HashMap<>();
    private final Map<String, SuppressionEntry> entries = new LinkedHashMap<>();
    private final List<AuditRecord> audit = new ArrayList<>();
    private final Map<Long, Object[]> outbox = new LinkedHashMap<>(); // id -> {destination, payload, attempts, failed}
    private long outboxIds;

    private static String entryKey(EmailAddress a, SuppressionList list, Optional<String> campaign) {
        return SuppressionEntry.key(a) + "|" + list + "|" + campaign.orElse("");
    }

    @Override
    public synchronized IngestResult ingest(Ingestion in) {
        if (!events.add(in.eventKey())) {
            return IngestResult.DUPLICATE;
        }
        String address = SuppressionEntry.key(in.address());
        for (EventClass c : in.resetCounts()) {
            counters.remove(address + "|" + c);
        }
        int count = 0;
        if (in.counted().isPresent()) {
            String key = address + "|" + in.counted().get();
            Counter old = counters.get(key);
            Counter now = old == null || old.windowStart.isBefore(in.at().minus(in.window())) ? new Counter(1, in.at())
                    : new Counter(old.count + 1, old.windowStart);
            counters.put(key, now);
            count = now.count;
        }
        boolean added = false;
        if (in.entry().isPresent() && (in.counted().isEmpty() || count >= in.threshold())) {
            added = add(in.entry().get());
        }
        return new IngestResult(false, count, added);
    }

    @Override
    public synchronized List<IngestResult> ingestAll(List<Ingestion> ingestions) {
        return ingestions.stream().map(this::ingest).toList();
    }

    @Override
    public synchronized boolean add(SuppressionEntry e) {
        String key = entryKey(e.address(), e.list(), e.campaign());
        if (entries.containsKey(key)) {
            return false;
        }
        entries.put(key, e);
        audit.add(new AuditRecord(SuppressionEntry.key(e.address()), e.list(), e.campaign(), true, e.reason(), e.source(), e.at()));
        return true;
    }

    @Override
    public synchronized boolean remove(EmailAddress address, SuppressionList list, Optional<String> campaign, String reason, String source) {
        SuppressionEntry removed = entries.remove(entryKey(address, list, campaign));
        if (removed == null) {
            return false;
        }
        audit.add(new AuditRecord(SuppressionEntry.key(address), list, campaign, false, reason, source, Instant.now()));
        return true;
    }

    @Override
    public synchronized Map<EmailAddress, SuppressionList> blocked(Collection<EmailAddress> addresses, Optional<String> campaign) {
        Map<EmailAddress, SuppressionList> out = new LinkedHashMap<>();
        for (EmailAddress a : addresses) {
            if (entries.containsKey(entryKey(a, SuppressionList.SUPPRESSED, Optional.empty()))) {
                out.put(a, SuppressionList.SUPPRESSED);
            } else if (entries.containsKey(entryKey(a, SuppressionList.UNSUBSCRIBED, Optional.empty()))
                    || campaign.isPresent() && entries.containsKey(entryKey(a, SuppressionList.UNSUBSCRIBED, campaign))) {
                out.put(a, SuppressionList.UNSUBSCRIBED);
            }
        }
        return out;
    }

    @Override
    public synchronized List<SuppressionEntry> list(SuppressionList list) {
        return entries.values().stream().filter(e -> e.list() == list).toList();
    }

    @Override
    public synchronized int count(EmailAddress address, EventClass eventClass) {
        Counter c = counters.get(SuppressionEntry.key(address) + "|" + eventClass);
        return c == null ? 0 : c.count;
    }

    @Override
    public synchronized void resetCounts(EmailAddress address, Optional<EventClass> eventClass) {
        String key = SuppressionEntry.key(address);
        for (EventClass c : EventClass.values()) {
            if (eventClass.isEmpty() || eventClass.get() == c) {
                counters.remove(key + "|" + c);
            }
        }
    }

    @Override
    public synchronized List<AuditRecord> audit(EmailAddress address) {
        String key = SuppressionEntry.key(address);
        return audit.stream().filter(r -> r.address().equals(key)).toList();
    }

    @Override
    public synchronized void outboxAdd(String destination, List<byte[]> payloads) {
        for (byte[] p : payloads) {
            outbox.put(++outboxIds, new Object[] {destination, p.clone(), 0, false});
        }
    }

    @Override
    public synchronized List<OutboxItem> outboxPending(String destination, int max) {
        return outbox.entrySet().stream().filter(e -> e.getValue()[0].equals(destination) && !(boolean) e.getValue()[3]).limit(max)
                .map(e -> new OutboxItem(e.getKey(), destination, ((byte[]) e.getValue()[1]).clone(), (int) e.getValue()[2])).toList();
    }

    @Override
    public synchronized void outboxDelivered(List<Long> ids) {
        ids.forEach(outbox::remove);
    }

    @Override
    public synchronized void outboxAttempted(List<Long> ids, boolean failed, String error) {
        for (Long id : ids) {
            Object[] row = outbox.get(id);
            if (row != null) {
                row[2] = (int) row[2] + 1;
                row[3] = failed;
            }
        }
    }

    @Override
    public synchronized int outboxCount(String destination, boolean failed) {
        return (int) outbox.values().stream().filter(r -> r[0].equals(destination) && (boolean) r[3] == failed).count();
    }

    @Override
    public void close() {
        // nothing held
    }
}
