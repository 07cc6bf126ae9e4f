package dev.mailgate.suppression.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * Batched ingestion's key lookups on PostgreSQL, each one statement with the batch's keys as arrays, in forms the
 * planner can only answer through the unique index however little it knows about the table: writes as
 * {@code INSERT ... SELECT FROM unnest(...) ON CONFLICT} (the conflict is found through the index, no plan involved),
 * reads as a correlated subquery per key over {@code unnest} (a subquery in the select list is not turned into a
 * join, so it cannot become a hash join over a sequential scan). A concurrent instance's insert of the same key is
 * waited for and then skipped rather than failed.
 */
final class PostgresIngestSql implements IngestSql {
    static final PostgresIngestSql INSTANCE = new PostgresIngestSql();

    // in key order: two instances storing overlapping batches wait for each other's keys in one order, not deadlock
    private static final String STORE_KEYS = "insert into mg_event (event_key, seen_at, stored_at) select k, s, ?::timestamp from unnest(?::varchar[], ?::timestamp[]) as u(k, s)"
            + " order by k on conflict (event_key) do nothing returning event_key";
    // one statement: the counted events stored, and the counters created or incremented (which locks them) in address order
    private static final String COUNT = "with events as (insert into mg_count_event (address, klass, at) select a, ?, t from unnest(?::varchar[], ?::timestamp[])"
            + " as u(a, t)) insert into mg_counter (address, klass, count, window_start) select a, ?, 1, t from unnest(?::varchar[], ?::timestamp[])"
            + " as u(a, t) order by a on conflict (address, klass) do update set count = mg_counter.count + 1 returning address, count";
    private static final String WINDOW = "select a, (select array_agg(e.at) from mg_count_event e where e.address = u.a and e.klass = ?)"
            + " from unnest(?::varchar[]) as u(a)";
    private static final String SET_COUNTS = "insert into mg_counter (address, klass, count, window_start) select a, ?, n, localtimestamp"
            + " from unnest(?::varchar[], ?::integer[]) as u(a, n) order by a on conflict (address, klass) do update set count = excluded.count";
    private static final String PRESENT_ENTRIES = "select a, (select array_agg(e.list || '|' || e.scope) from mg_entry e where e.address = u.a)"
            + " from unnest(?::varchar[]) as u(a)";

    private PostgresIngestSql() {
    }

    @Override
    public Set<String> storeKeys(Connection c, List<Ingestion> candidates, Timestamp now) throws SQLException {
        String[] keys = new String[candidates.size()];
        Timestamp[] seen = new Timestamp[candidates.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = candidates.get(i).eventKey();
            seen[i] = Timestamp.from(candidates.get(i).at());
        }
        Set<String> added = new HashSet<>();
        try (PreparedStatement p = c.prepareStatement(STORE_KEYS)) {
            p.setTimestamp(1, now);
            p.setArray(2, c.createArrayOf("varchar", keys));
            p.setArray(3, c.createArrayOf("timestamp", seen));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    added.add(r.getString(1));
                }
            }
        }
        return added;
    }

    @Override
    public Map<String, Integer> count(Connection c, String klass, SortedMap<String, Timestamp> events) throws SQLException {
        Array addresses = c.createArrayOf("varchar", events.keySet().toArray(new String[0]));
        Array times = c.createArrayOf("timestamp", events.values().toArray(new Timestamp[0]));
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(COUNT)) {
            for (int first : new int[] {1, 4}) {
                p.setString(first, klass);
                p.setArray(first + 1, addresses);
                p.setArray(first + 2, times);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    counts.put(r.getString(1), r.getInt(2));
                }
            }
        }
        return counts;
    }

    @Override
    public Map<String, List<Instant>> window(Connection c, String klass, List<String> addresses) throws SQLException {
        Map<String, List<Instant>> times = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement(WINDOW)) {
            q.setString(1, klass);
            q.setArray(2, c.createArrayOf("varchar", addresses.toArray(new String[0])));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    Array at = r.getArray(2);
                    if (at != null) {
                        List<Instant> ts = times.computeIfAbsent(r.getString(1), x -> new ArrayList<>());
                        for (Timestamp t : (Timestamp[]) at.getArray()) {
                            ts.add(t.toInstant());
                        }
                    }
                }
            }
        }
        return times;
    }

    @Override
    public void setCounts(Connection c, String klass, SortedMap<String, Integer> counts) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(SET_COUNTS)) {
            p.setString(1, klass);
            p.setArray(2, c.createArrayOf("varchar", counts.keySet().toArray(new String[0])));
            p.setArray(3, c.createArrayOf("integer", counts.values().toArray(new Integer[0])));
            p.executeUpdate();
        }
    }

    @Override
    public Set<String> presentEntries(Connection c, Collection<String> addresses) throws SQLException {
        Set<String> present = new HashSet<>();
        try (PreparedStatement q = c.prepareStatement(PRESENT_ENTRIES)) {
            q.setArray(1, c.createArrayOf("varchar", addresses.toArray(new String[0])));
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    Array entries = r.getArray(2);
                    if (entries != null) {
                        for (String listAndScope : (String[]) entries.getArray()) {
                            present.add(r.getString(1) + "|" + listAndScope);
                        }
                    }
                }
            }
        }
        return present;
    }
}
