package dev.mailgate.suppression.store;

import dev.mailgate.suppression.EventClass;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The sliding-window counts: one {@code mg_count_event} row per counted event, and one {@code mg_counter} row per
 * address and class that holds the current count and is the lock that serializes concurrent counts of the address
 * (two instances counting the third and fourth bounce at once must not both see two). Counting is batched in
 * {@link JdbcIngest}; this class reads and resets.
 */
final class JdbcCounters {
    private JdbcCounters() {
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
