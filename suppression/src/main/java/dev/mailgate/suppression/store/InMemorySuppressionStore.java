package dev.mailgate.suppression.store;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.AddressKey;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.ExclusionPolicy;
import dev.mailgate.suppression.SuppressionEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A store in memory, for tests and single-run tools: everything is lost with the JVM. Thread-safe. */
public final class InMemorySuppressionStore implements SuppressionStore {
    private final Clock clock;
    /** event key -> when it was stored */
    private final Map<String, Instant> events = new HashMap<>();
    /** address key | class -> the counted events' times in the window (several may share a time) */
    private final Map<String, List<Instant>> counted = new HashMap<>();
    private final Map<String, SuppressionEntry> entries = new LinkedHashMap<>();
    private final List<AuditRecord> audit = new ArrayList<>();
    private final InMemoryOutbox outbox = new InMemoryOutbox();

    public InMemorySuppressionStore() {
        this(Clock.systemUTC());
    }

    /** @param clock when events count as stored, for {@link #pruneEvents} */
    public InMemorySuppressionStore(Clock clock) {
        this.clock = clock;
    }

    private static String entryKey(EmailAddress a, SuppressionList list, Optional<String> campaign) {
        return AddressKey.of(a) + "|" + list + "|" + campaign.orElse("");
    }

    @Override
    public synchronized IngestResult ingest(Ingestion in) {
        if (events.putIfAbsent(in.eventKey(), clock.instant()) != null) {
            return IngestResult.DUPLICATE;
        }
        String address = AddressKey.of(in.address());
        for (EventClass c : in.resetCounts()) {
            counted.remove(address + "|" + c);
        }
        int count = 0;
        if (in.counted().isPresent()) {
            List<Instant> times = counted.computeIfAbsent(address + "|" + in.counted().get(), k -> new ArrayList<>());
            times.add(in.at());
            Instant newest = times.stream().max(Instant::compareTo).orElseThrow();
            // sliding: an event counts while it is less than the window older than the newest one
            times.removeIf(t -> !t.isAfter(newest.minus(in.window())));
            count = times.size();
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
        audit.add(new AuditRecord(AddressKey.of(e.address()), e.list(), e.campaign(), true, e.reason(), e.source(), e.at()));
        return true;
    }

    @Override
    public synchronized boolean remove(EmailAddress address, SuppressionList list, Optional<String> campaign, String reason, String source) {
        SuppressionEntry removed = entries.remove(entryKey(address, list, campaign));
        if (removed == null) {
            return false;
        }
        audit.add(new AuditRecord(AddressKey.of(address), list, campaign, false, reason, source, clock.instant()));
        return true;
    }

    @Override
    public synchronized Map<EmailAddress, SuppressionList> blocked(Collection<EmailAddress> addresses, Optional<String> campaign,
            ExclusionPolicy exclusion) {
        Map<EmailAddress, SuppressionList> out = new LinkedHashMap<>();
        for (EmailAddress a : addresses) {
            String key = AddressKey.of(a);
            if (entries.containsKey(entryKey(a, SuppressionList.SUPPRESSED, Optional.empty()))) {
                out.put(a, SuppressionList.SUPPRESSED);
            } else if (entries.containsKey(entryKey(a, SuppressionList.UNSUBSCRIBED, Optional.empty()))
                    || campaign.isPresent() && entries.containsKey(entryKey(a, SuppressionList.UNSUBSCRIBED, campaign))
                    || exclusion == ExclusionPolicy.GLOBAL && entries.values().stream()
                            .anyMatch(e -> e.list() == SuppressionList.UNSUBSCRIBED && AddressKey.of(e.address()).equals(key))) {
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
        List<Instant> times = counted.get(AddressKey.of(address) + "|" + eventClass);
        return times == null ? 0 : times.size();
    }

    @Override
    public synchronized void resetCounts(EmailAddress address, Optional<EventClass> eventClass) {
        String key = AddressKey.of(address);
        for (EventClass c : EventClass.values()) {
            if (eventClass.isEmpty() || eventClass.get() == c) {
                counted.remove(key + "|" + c);
            }
        }
    }

    @Override
    public synchronized List<AuditRecord> audit(EmailAddress address) {
        String key = AddressKey.of(address);
        return audit.stream().filter(r -> r.address().equals(key)).toList();
    }

    @Override
    public synchronized int pruneEvents(Instant storedBefore) {
        int before = events.size();
        events.values().removeIf(t -> t.isBefore(storedBefore));
        return before - events.size();
    }

    @Override
    public CallbackOutbox outbox() {
        return outbox;
    }

    @Override
    public void close() {
        // nothing held
    }

    /** The outbox in memory: id order is age order. */
    private static final class InMemoryOutbox implements CallbackOutbox {
        private static final class Row {
            final String destination;
            final byte[] payload;
            final Instant created = Instant.now(); // as the JDBC outbox stamps created_at
            int attempts;
            boolean refused;

            Row(String destination, byte[] payload) {
                this.destination = destination;
                this.payload = payload;
            }
        }

        private final TreeMap<Long, Row> rows = new TreeMap<>();
        private long ids;

        @Override
        public synchronized void add(String destination, List<byte[]> payloads) {
            payloads.forEach(p -> rows.put(++ids, new Row(destination, p.clone())));
        }

        @Override
        public synchronized List<OutboxItem> pending(String destination, int max) {
            return rows.entrySet().stream().filter(e -> e.getValue().destination.equals(destination) && !e.getValue().refused).limit(max)
                    .map(e -> new OutboxItem(e.getKey(), destination, e.getValue().payload.clone(), e.getValue().attempts)).toList();
        }

        @Override
        public synchronized void delivered(List<Long> ids) {
            ids.forEach(rows::remove);
        }

        @Override
        public synchronized void retryLater(List<Long> ids, String error) {
            attempted(ids, false);
        }

        @Override
        public synchronized void refused(List<Long> ids, String error) {
            attempted(ids, true);
        }

        private void attempted(List<Long> ids, boolean refused) {
            for (Long id : ids) {
                Row row = rows.get(id);
                if (row != null) {
                    row.attempts++;
                    row.refused = refused;
                }
            }
        }

        @Override
        public synchronized int requeue(String destination) {
            int n = 0;
            for (Row row : rows.values()) {
                if (row.destination.equals(destination) && row.refused) {
                    row.refused = false;
                    n++;
                }
            }
            return n;
        }

        @Override
        public synchronized OutboxDepth depth(String destination) {
            int pending = 0;
            int refused = 0;
            Instant oldest = null;
            for (Row row : rows.values()) { // id order is age order
                if (!row.destination.equals(destination)) {
                    continue;
                }
                if (row.refused) {
                    refused++;
                } else {
                    pending++;
                    oldest = oldest == null ? row.created : oldest;
                }
            }
            return new OutboxDepth(pending, refused, Optional.ofNullable(oldest));
        }

        @Override
        public synchronized int count(String destination, boolean refused) {
            return (int) rows.values().stream().filter(r -> r.destination.equals(destination) && r.refused == refused).count();
        }
    }
}
