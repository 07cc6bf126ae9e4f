package dev.mailgate.suppression.store;

import dev.mailgate.suppression.AddressKey;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.SuppressionEntry;
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
import java.util.TreeMap;

/**
 * A batch of ingestions with JDBC statement batching (issue 23): each step is one statement for the whole batch
 * (one {@code IN} lookup, one {@code executeBatch}), so a batch of 500 events costs about a dozen round trips instead
 * of six per event. The result is the one of applying the events one by one in order: events of one address are
 * applied in rounds (each address at most once per round), because a reset or a count of an address changes what
 * its next event sees; events of different addresses never touch the same rows.
 */
final class JdbcIngest {
    private static final int IN_CHUNK = 500;

    private JdbcIngest() {
    }

    static List<IngestResult> apply(Connection c, List<Ingestion> all) throws SQLException {
        IngestResult[] results = new IngestResult[all.size()];
        Set<String> keys = new HashSet<>();
        all.forEach(in -> keys.add(in.eventKey()));
        Set<String> stored = existing(c, "select event_key from mg_event where event_key in (", keys);
        Set<String> inBatch = new HashSet<>();
        List<Integer> fresh = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String key = all.get(i).eventKey();
            if (stored.contains(key) || !inBatch.add(key)) {
                results[i] = IngestResult.DUPLICATE;
            } else {
                fresh.add(i);
            }
        }
        if (fresh.isEmpty()) {
            return List.of(results);
        }
        Timestamp now = Timestamp.from(Instant.now());
        // a concurrent instance inserting one of these keys collides on the primary key: the runner retries the
        // whole batch, which then finds the key stored
        try (PreparedStatement p = c.prepareStatement("insert into mg_event (event_key, seen_at, stored_at) values (?, ?, ?)")) {
            for (int i : fresh) {
                p.setString(1, all.get(i).eventKey());
                p.setTimestamp(2, Timestamp.from(all.get(i).at()));
                p.setTimestamp(3, now);
                p.addBatch();
            }
            p.executeBatch();
        }
        List<List<Integer>> rounds = new ArrayList<>();
        Map<String, Integer> nextRound = new HashMap<>();
        for (int i : fresh) {
            int r = nextRound.merge(AddressKey.of(all.get(i).address()), 1, Integer::sum) - 1;
            if (r == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(r).add(i);
        }
        for (List<Integer> round : rounds) {
            round(c, all, round, results);
        }
        return List.of(results);
    }

    /** Events of distinct addresses: resets, then counts, then entries, each one batched statement. */
    private static void round(Connection c, List<Ingestion> all, List<Integer> round, IngestResult[] results) throws SQLException {
        resets(c, all, round);
        // the counter rows are locked in key order, so two instances counting overlapping addresses wait rather than deadlock
        TreeMap<String, Integer> counted = new TreeMap<>();
        for (int i : round) {
            Ingestion in = all.get(i);
            in.counted().ifPresent(k -> counted.put(AddressKey.of(in.address()) + "|" + k.name(), i));
        }
        Map<Integer, Integer> counts = counted.isEmpty() ? Map.of() : count(c, all, counted);
        List<Integer> entries = new ArrayList<>();
        for (int i : round) {
            Ingestion in = all.get(i);
            int count = counts.getOrDefault(i, 0);
            if (in.entry().isPresent() && (in.counted().isEmpty() || count >= in.threshold())) {
                entries.add(i);
            }
            results[i] = new IngestResult(false, count, false);
        }
        if (!entries.isEmpty()) {
            Set<Integer> added = insertEntries(c, all, entries);
            for (int i : added) {
                results[i] = new IngestResult(false, results[i].count(), true);
            }
        }
    }

    private static void resets(Connection c, List<Ingestion> all, List<Integer> round) throws SQLException {
        List<String[]> resets = new ArrayList<>();
        for (int i : round) {
            for (EventClass k : all.get(i).resetCounts()) {
                resets.add(new String[] {AddressKey.of(all.get(i).address()), k.name()});
            }
        }
        if (resets.isEmpty()) {
            return;
        }
        for (String table : new String[] {"mg_counter", "mg_count_event"}) {
            try (PreparedStatement p = c.prepareStatement("delete from " + table + " where address = ? and klass = ?")) {
                for (String[] r : resets) {
                    p.setString(1, r[0]);
                    p.setString(2, r[1]);
                    p.addBatch();
                }
                p.executeBatch();
            }
        }
    }

    /**
     * The sliding-window count of a round, set-based per class: the counter rows locked in address order with one
     * {@code SELECT ... FOR UPDATE} (so two instances counting overlapping addresses wait rather than deadlock), the
     * missing ones and the counted events inserted with one batch each, the window read with one query, and the
     * counters set with one {@code UPDATE}. Returns the count after each counted event, by its index.
     */
    private static Map<Integer, Integer> count(Connection c, List<Ingestion> all, TreeMap<String, Integer> counted) throws SQLException {
        Map<EventClass, TreeMap<String, Integer>> byClass = new TreeMap<>();
        for (int i : counted.values()) {
            Ingestion in = all.get(i);
            byClass.computeIfAbsent(in.counted().orElseThrow(), k -> new TreeMap<>()).put(AddressKey.of(in.address()), i);
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (Map.Entry<EventClass, TreeMap<String, Integer>> group : byClass.entrySet()) {
            String klass = group.getKey().name();
            TreeMap<String, Integer> byAddress = group.getValue();
            List<String> addresses = new ArrayList<>(byAddress.keySet());
            Set<String> present = new HashSet<>();
            forChunks(c, "select address from mg_counter where klass = ? and address in (", ") order by address for update", klass, addresses, r -> present.add(r.getString(1)));
            try (PreparedStatement p = c.prepareStatement("insert into mg_counter (address, klass, count, window_start) values (?, ?, 0, ?)")) {
                boolean any = false;
                for (Map.Entry<String, Integer> e : byAddress.entrySet()) {
                    if (!present.contains(e.getKey())) {
                        // a concurrent first insert of the same row fails with 23505: the runner retries the batch
                        p.setString(1, e.getKey());
                        p.setString(2, klass);
                        p.setTimestamp(3, Timestamp.from(all.get(e.getValue()).at()));
                        p.addBatch();
                        any = true;
                    }
                }
                if (any) {
                    p.executeBatch();
                }
            }
            try (PreparedStatement p = c.prepareStatement("insert into mg_count_event (address, klass, at) values (?, ?, ?)")) {
                for (Map.Entry<String, Integer> e : byAddress.entrySet()) {
                    p.setString(1, e.getKey());
                    p.setString(2, klass);
                    p.setTimestamp(3, Timestamp.from(all.get(e.getValue()).at()));
                    p.addBatch();
                }
                p.executeBatch();
            }
            // every counted event of these addresses (the table holds only what is inside some window)
            Map<String, List<Instant>> times = new HashMap<>();
            forChunks(c, "select address, at from mg_count_event where klass = ? and address in (", ")", klass, addresses,
                    r -> times.computeIfAbsent(r.getString(1), x -> new ArrayList<>()).add(r.getTimestamp(2).toInstant()));
            try (PreparedStatement d = c.prepareStatement("delete from mg_count_event where address = ? and klass = ? and at <= ?")) {
                boolean any = false;
                for (Map.Entry<String, Integer> e : byAddress.entrySet()) {
                    Ingestion in = all.get(e.getValue());
                    List<Instant> ts = times.getOrDefault(e.getKey(), List.of());
                    Instant newest = Collections.max(ts);
                    // sliding: an event counts while it is less than the window older than the newest one
                    Instant cutoff = newest.minus(in.window());
                    int count = (int) ts.stream().filter(t -> t.isAfter(cutoff)).count();
                    counts.put(e.getValue(), count);
                    if (count < ts.size()) {
                        d.setString(1, e.getKey());
                        d.setString(2, klass);
                        d.setTimestamp(3, Timestamp.from(cutoff));
                        d.addBatch();
                        any = true;
                    }
                }
                if (any) {
                    d.executeBatch();
                }
            }
            forChunks(c, "update mg_counter set count = (select count(*) from mg_count_event e where e.address = mg_counter.address"
                    + " and e.klass = mg_counter.klass) where klass = ? and address in (", ")", klass, addresses, null);
        }
        return counts;
    }

    @FunctionalInterface
    private interface Row {
        void read(ResultSet r) throws SQLException;
    }

    /** One statement per chunk of addresses: {@code head} + the marks + {@code tail}, the class as the first parameter. */
    private static void forChunks(Connection c, String head, String tail, String klass, List<String> addresses, Row row) throws SQLException {
        for (int from = 0; from < addresses.size(); from += IN_CHUNK) {
            List<String> chunk = addresses.subList(from, Math.min(addresses.size(), from + IN_CHUNK));
            try (PreparedStatement q = c.prepareStatement(head + marks(chunk.size()) + tail)) {
                q.setString(1, klass);
                for (int k = 0; k < chunk.size(); k++) {
                    q.setString(k + 2, chunk.get(k));
                }
                if (row == null) {
                    q.executeUpdate();
                } else {
                    try (ResultSet r = q.executeQuery()) {
                        while (r.next()) {
                            row.read(r);
                        }
                    }
                }
            }
        }
    }

    /** Adds the entries not yet present (looked up first: a conflict would abort a PostgreSQL transaction), with their audit rows. */
    private static Set<Integer> insertEntries(Connection c, List<Ingestion> all, List<Integer> entries) throws SQLException {
        Set<String> addresses = new HashSet<>();
        entries.forEach(i -> addresses.add(AddressKey.of(all.get(i).address())));
        Set<String> present = new HashSet<>();
        List<String> list = new ArrayList<>(addresses);
        for (int from = 0; from < list.size(); from += IN_CHUNK) {
            List<String> chunk = list.subList(from, Math.min(list.size(), from + IN_CHUNK));
            try (PreparedStatement q = c.prepareStatement("select address, list, scope from mg_entry where address in (" + marks(chunk.size()) + ")")) {
                for (int k = 0; k < chunk.size(); k++) {
                    q.setString(k + 1, chunk.get(k));
                }
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        present.add(r.getString(1) + "|" + r.getString(2) + "|" + r.getString(3));
                    }
                }
            }
        }
        Set<Integer> added = new HashSet<>();
        try (PreparedStatement p = c.prepareStatement(
                "insert into mg_entry (address, display, list, scope, reason, source, created_at) values (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement a = c.prepareStatement(
                "insert into mg_audit (address, list, scope, added, reason, source, at) values (?, ?, ?, ?, ?, ?, ?)")) {
            for (int i : entries) {
                SuppressionEntry e = all.get(i).entry().orElseThrow();
                String address = AddressKey.of(e.address());
                String scope = e.campaign().orElse("");
                if (!present.add(address + "|" + e.list().name() + "|" + scope)) {
                    continue;
                }
                p.setString(1, address);
                p.setString(2, e.address().address());
                p.setString(3, e.list().name());
                p.setString(4, scope);
                p.setString(5, e.reason());
                p.setString(6, e.source());
                p.setTimestamp(7, Timestamp.from(e.at()));
                p.addBatch();
                a.setString(1, address);
                a.setString(2, e.list().name());
                a.setString(3, scope);
                a.setBoolean(4, true);
                a.setString(5, e.reason());
                a.setString(6, e.source());
                a.setTimestamp(7, Timestamp.from(e.at()));
                a.addBatch();
                added.add(i);
            }
            if (!added.isEmpty()) {
                p.executeBatch();
                a.executeBatch();
            }
        }
        return added;
    }

    private static Set<String> existing(Connection c, String select, Collection<String> values) throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> list = new ArrayList<>(values);
        for (int from = 0; from < list.size(); from += IN_CHUNK) {
            List<String> chunk = list.subList(from, Math.min(list.size(), from + IN_CHUNK));
            try (PreparedStatement q = c.prepareStatement(select + marks(chunk.size()) + ")")) {
                for (int k = 0; k < chunk.size(); k++) {
                    q.setString(k + 1, chunk.get(k));
                }
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        found.add(r.getString(1));
                    }
                }
            }
        }
        return found;
    }

    static String marks(int n) {
        return String.join(",", Collections.nCopies(n, "?"));
    }
}
