package dev.mailgate.suppression.store;

import dev.mailgate.suppression.EventClass;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The sliding-window counts: one {@code mg_count_event} row per counted event, and one {@code mg_counter} row per
 * address and class that holds the current count and is the lock that serializes concurrent counts of the address
 * (two instances counting the third and fourth bounce at once must not both see two).
 */
final class JdbcCounters {
    private JdbcCounters() {
    }

    /**
     * Counts one event at {@code at} and returns the count: the events less than {@code window} older than the
     * newest. Older rows are deleted here, so the table holds only what is in some address's window.
     */
    static int count(Connection c, String address, EventClass klass, Instant at, Duration window) throws SQLException {
        lock(c, address, klass, at);
        try (PreparedStatement p = c.prepareStatement("insert into mg_count_event (address, klass, at) values (?, ?, ?)")) {
            p.setString(1, address);
            p.setString(2, klass.name());
            p.setTimestamp(3, Timestamp.from(at));
            p.executeUpdate();
        }
        Timestamp newest;
        try (PreparedStatement q = c.prepareStatement("select max(at) from mg_count_event where address = ? and klass = ?")) {
            q.setString(1, address);
            q.setString(2, klass.name());
            try (ResultSet r = q.executeQuery()) {
                r.next();
                newest = r.getTimestamp(1);
            }
        }
        try (PreparedStatement d = c.prepareStatement("delete from mg_count_event where address = ? and klass = ? and at <= ?")) {
            d.setString(1, address);
            d.setString(2, klass.name());
            d.setTimestamp(3, Timestamp.from(newest.toInstant().minus(window)));
            d.executeUpdate();
        }
        int count;
        try (PreparedStatement q = c.prepareStatement("select count(*) from mg_count_event where address = ? and klass = ?")) {
            q.setString(1, address);
            q.setString(2, klass.name());
            try (ResultSet r = q.executeQuery()) {
                r.next();
                count = r.getInt(1);
            }
        }
        try (PreparedStatement u = c.prepareStatement("update mg_counter set count = ? where address = ? and klass = ?")) {
            u.setInt(1, count);
            u.setString(2, address);
            u.setString(3, klass.name());
            u.executeUpdate();
        }
        return count;
    }

    /** Takes the counter row's lock, creating the row first (a concurrent first insert fails with 23505: retried). */
    private static void lock(Connection c, String address, EventClass klass, Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("update mg_counter set count = count where address = ? and klass = ?")) {
            p.setString(1, address);
            p.setString(2, klass.name());
            if (p.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement i = c.prepareStatement("insert into mg_counter (address, klass, count, window_start) values (?, ?, 0, ?)")) {
            i.setString(1, address);
            i.setString(2, klass.name());
            i.setTimestamp(3, Timestamp.from(at));
            i.executeUpdate();
        }
    }

    static int current(Connection c, String address, EventClass klass) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("select count from mg_counter where address = ? and klass = ?")) {
            p.setString(1, address);
            p.setString(2, klass.name());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getInt(1) : 0;
            }
        }
    }

    static void reset(Connection c, String address, Optional<EventClass> klass) throws SQLException {
        String which = klass.isPresent() ? " and klass = ?" : "";
        for (String table : new String[] {"mg_counter", "mg_count_event"}) {
            try (PreparedStatement p = c.prepareStatement("delete from " + table + " where address = ?" + which)) {
                p.setString(1, address);
                if (klass.isPresent()) {
                    p.setString(2, klass.get().name());
                }
                p.executeUpdate();
            }
        }
    }
}
