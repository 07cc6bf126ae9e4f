package dev.mailgate.suppression.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Batched ingestion's key lookups as {@code IN} lists of up to 500 keys, for H2 (whose planner always takes the index
 * for them); a conflicting insert of a concurrent instance fails with a unique-key violation and the runner retries
 * the batch, which then finds the row.
 */
final class PortableIngestSql implements IngestSql {
    static final PortableIngestSql INSTANCE = new PortableIngestSql();
    private static final int IN_CHUNK = 500;

    private PortableIngestSql() {
    }

    @Override
    public Set<String> storeKeys(Connection c, List<Ingestion> candidates, Timestamp now) throws SQLException {
        List<String> keys = new ArrayList<>();
        candidates.forEach(in -> keys.add(in.eventKey()));
        Set<String> stored = new HashSet<>();
        forChunks(c, "select event_key from mg_event where event_key in (", ")", null, keys, r -> stored.add(r.getString(1)));
        Set<String> added = new HashSet<>();
        try (PreparedStatement p = c.prepareStatement("insert into mg_event (event_key, seen_at, stored_at) values (?, ?, ?)")) {
            for (Ingestion in : candidates) {
                if (!stored.contains(in.eventKey())) {
                    p.setString(1, in.eventKey());
                    p.setTimestamp(2, Timestamp.from(in.at()));
                    p.setTimestamp(3, now);
                    p.addBatch();
                    added.add(in.eventKey());
                }
            }
            if (!added.isEmpty()) {
                p.executeBatch();
            }
        }
        return added;
    }

    @Override
    public Map<String, Integer> count(Connection c, String klass, SortedMap<String, Timestamp> events) throws SQLException {
        SortedMap<String, Integer> incremented = new TreeMap<>();
        forChunks(c, "select address, count from mg_counter where klass = ? and address in (", ") order by address for update", klass,
                new ArrayList<>(events.keySet()), r -> incremented.put(r.getString(1), r.getInt(2) + 1));
        Map<String, Integer> counts = new HashMap<>(incremented);
        try (PreparedStatement insert = c.prepareStatement("insert into mg_counter (address, klass, count, window_start) values (?, ?, 1, ?)");
             PreparedStatement event = c.prepareStatement("insert into mg_count_event (address, klass, at) values (?, ?, ?)")) {
            boolean any = false;
            for (Map.Entry<String, Timestamp> e : events.entrySet()) {
                if (counts.putIfAbsent(e.getKey(), 1) == null) {
                    insert.setString(1, e.getKey());
                    insert.setString(2, klass);
                    insert.setTimestamp(3, e.getValue());
                    insert.addBatch();
                    any = true;
                }
                event.setString(1, e.getKey());
                event.setString(2, klass);
                event.setTimestamp(3, e.getValue());
                event.addBatch();
            }
            if (any) {
                insert.executeBatch();
            }
            event.executeBatch();
        }
        setCounts(c, klass, incremented);
        return counts;
    }

    @Override
    public Map<String, List<Instant>> window(Connection c, String klass, List<String> addresses) throws SQLException {
        Map<String, List<Instant>> times = new HashMap<>();
        forChunks(c, "select address, at from mg_count_event where klass = ? and address in (", ")", klass, addresses,
                r -> times.computeIfAbsent(r.getString(1), x -> new ArrayList<>()).add(r.getTimestamp(2).toInstant()));
        return times;
    }

    @Override
    public void setCounts(Connection c, String klass, SortedMap<String, Integer> counts) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("update mg_counter set count = ? where address = ? and klass = ?")) {
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                p.setInt(1, e.getValue());
                p.setString(2, e.getKey());
                p.setString(3, klass);
                p.addBatch();
            }
            p.executeBatch();
        }
    }

    @Override
    public Set<String> presentEntries(Connection c, Collection<String> addresses) throws SQLException {
        Set<String> present = new HashSet<>();
        forChunks(c, "select address, list, scope from mg_entry where address in (", ")", null, new ArrayList<>(addresses),
                r -> present.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3)));
        return present;
    }

    @FunctionalInterface
    private interface Row {
        void read(ResultSet r) throws SQLException;
    }

    /** One query per chunk of keys: {@code head} + the marks + {@code tail}, the class (when given) as the first parameter. */
    private static void forChunks(Connection c, String head, String tail, String klass, List<String> keys, Row row) throws SQLException {
        int first = klass == null ? 1 : 2;
        for (int from = 0; from < keys.size(); from += IN_CHUNK) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + IN_CHUNK));
            try (PreparedStatement q = c.prepareStatement(head + String.join(",", Collections.nCopies(chunk.size(), "?")) + tail)) {
                if (klass != null) {
                    q.setString(1, klass);
                }
                for (int k = 0; k < chunk.size(); k++) {
                    q.setString(k + first, chunk.get(k));
                }
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        row.read(r);
                    }
                }
            }
        }
    }
}
