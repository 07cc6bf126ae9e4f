package dev.mailgate.suppression.store;

import dev.mailgate.suppression.internal.jdbc.JdbcRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/**
 * The statements of batched ingestion ({@link JdbcIngest}) that look rows up by a batch of keys, the one place where
 * PostgreSQL and H2 are told apart. H2 answers {@code key IN (?, ?, ...)} with its index whatever the list's length
 * ({@link PortableIngestSql}). PostgreSQL's planner may not: for a 100- or 500-key list it chose sequential scans of
 * tables without statistics (fresh, or grown faster than autovacuum analyzes them) and of tables up to a few hundred
 * thousand rows, so every batch read the whole of each growing table (issue 23: 11,275 → 8,865 → 6,825 events/s over
 * three rounds). {@link PostgresIngestSql} uses forms whose only sensible plan is the unique index: arrays with
 * {@code INSERT ... ON CONFLICT} and a correlated subquery per key.
 */
interface IngestSql {
    /** Stores the event keys of {@code candidates} (distinct) not stored yet; returns the keys it stored. */
    Set<String> storeKeys(Connection c, List<Ingestion> candidates, Timestamp now) throws SQLException;

    /**
     * Counts one event for each of these addresses in the class: locks its counter row, in address order (two
     * instances counting overlapping addresses wait rather than deadlock), creating the missing ones with the event's
     * time as the window start; adds one to the counter and stores the counted event. Returns the counters' new
     * values, which are the window's counts unless events have left the window ({@link #setCounts} then corrects).
     */
    Map<String, Integer> count(Connection c, String klass, SortedMap<String, Timestamp> events) throws SQLException;

    /** The times of the counted events of the class stored for these addresses. */
    Map<String, List<Instant>> window(Connection c, String klass, List<String> addresses) throws SQLException;

    /** Sets the counters (locked by {@link #count}) to these counts. */
    void setCounts(Connection c, String klass, SortedMap<String, Integer> counts) throws SQLException;

    /** The entries present for these addresses, as {@code address|list|scope}. */
    Set<String> presentEntries(Connection c, Collection<String> addresses) throws SQLException;

    static IngestSql of(Connection c) throws SQLException {
        return JdbcRunner.postgres(c) ? PostgresIngestSql.INSTANCE : PortableIngestSql.INSTANCE;
    }
}
