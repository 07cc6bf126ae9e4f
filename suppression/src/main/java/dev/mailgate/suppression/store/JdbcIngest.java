package dev.mailgate.suppression.store;

import dev.mailgate.suppression.AddressKey;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.SuppressionEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A batch of ingestions with JDBC statement batching (issue 23): each step is one statement for the whole batch
 * (one lookup of the keys, one multi-row insert), so a batch of 500 events costs about a dozen round trips instead
 * of six per event; the lookups by a batch of keys are {@link IngestSql}'s, in the form the database answers through
 * its index. The result is the one of applying the events one by one in order: events of one address are applied
 * in rounds (each address at most once per round), because a reset or a count of an address changes what its next
 * event sees; events of different addresses never touch the same rows.
 */
final class JdbcIngest {
    private JdbcIngest() {
    }

    static List<IngestResult> apply(Connection c, List<Ingestion> all) throws SQLException {
        IngestSql sql = IngestSql.of(c);
        IngestResult[] results = new IngestResult[all.size()];
        Set<String> inBatch = new HashSet<>();
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (inBatch.add(all.get(i).eventKey())) {
                candidates.add(i);
            } else {
                results[i] = IngestResult.DUPLICATE;
            }
        }
        Set<String> stored = sql.storeKeys(c, candidates.stream().map(all::get).toList(), Timestamp.from(Instant.now()));
        List<Integer> fresh = new ArrayList<>();
        for (int i : candidates) {
            if (stored.contains(all.get(i).eventKey())) {
                fresh.add(i);
            } else {
                results[i] = IngestResult.DUPLICATE;
            }
        }
        if (fresh.isEmpty()) {
            return List.of(results);
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
            round(c, sql, all, round, results);
        }
        return List.of(results);
    }

    /** Events of distinct addresses: resets, then counts, then entries, each one batched statement. */
    private static void round(Connection c, IngestSql sql, List<Ingestion> all, List<Integer> round, IngestResult[] results) throws SQLException {
        resets(c, all, round);
        // the counter rows are locked in key order, so two instances counting overlapping addresses wait rather than deadlock
        TreeMap<String, Integer> counted = new TreeMap<>();
        for (int i : round) {
            Ingestion in = all.get(i);
            in.counted().ifPresent(k -> counted.put(AddressKey.of(in.address()) + "|" + k.name(), i));
        }
        Map<Integer, Integer> counts = counted.isEmpty() ? Map.of() : count(c, sql, all, counted);
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
            Set<Integer> added = insertEntries(c, sql, all, entries);
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
     * The sliding-window count of a round, set-based per class: the events counted (their counters locked in
     * address order, incremented, and the events stored), the window read with one query, the events that left it
     * deleted and those counters corrected. Returns the count after each counted event, by its index.
     */
    private static Map<Integer, Integer> count(Connection c, IngestSql sql, List<Ingestion> all, TreeMap<String, Integer> counted)
            throws SQLException {
        Map<EventClass, TreeMap<String, Integer>> byClass = new TreeMap<>();
        for (int i : counted.values()) {
            Ingestion in = all.get(i);
            byClass.computeIfAbsent(in.counted().orElseThrow(), k -> new TreeMap<>()).put(AddressKey.of(in.address()), i);
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (Map.Entry<EventClass, TreeMap<String, Integer>> group : byClass.entrySet()) {
            String klass = group.getKey().name();
            TreeMap<String, Integer> byAddress = group.getValue();
            TreeMap<String, Timestamp> at = new TreeMap<>();
            byAddress.forEach((a, i) -> at.put(a, Timestamp.from(all.get(i).at())));
            Map<String, Integer> counters = sql.count(c, klass, at);
            // every counted event of these addresses (the table holds only what is inside some window)
            Map<String, List<Instant>> times = sql.window(c, klass, new ArrayList<>(byAddress.keySet()));
            TreeMap<String, Integer> corrections = new TreeMap<>();
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
                    if (count != counters.get(e.getKey())) {
                        corrections.put(e.getKey(), count);
                    }
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
            if (!corrections.isEmpty()) {
                sql.setCounts(c, klass, corrections);
            }
        }
        return counts;
    }

    /** Adds the entries not yet present (looked up first: a conflict would abort a PostgreSQL transaction), with their audit rows. */
    private static Set<Integer> insertEntries(Connection c, IngestSql sql, List<Ingestion> all, List<Integer> entries) throws SQLException {
        Set<String> addresses = new HashSet<>();
        entries.forEach(i -> addresses.add(AddressKey.of(all.get(i).address())));
        Set<String> present = sql.presentEntries(c, addresses);
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
}
