package dev.mailgate.suppression.internal.jdbc;

import dev.mailgate.suppression.store.StoreException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import javax.sql.DataSource;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * The JDBC store's connections and transactions: work runs inside one transaction, committed on return; unique-key
 * races between instances and serialization failures are retried (the work is repeatable: it re-reads what it
 * depends on). Connections the store opened itself are kept for reuse; an application's pool keeps its own.
 */
public final class JdbcRunner {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK = "40P01";
    private static final int ATTEMPTS = 5;

    /** Work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T in(Connection c) throws SQLException;
    }

    private final String url;
    private final Supplier<Connection> connections;
    private final boolean reuse;
    /** Held open for the store's life: an embedded H2 database closes with its last connection. */
    private final Connection keeper;
    /** Idle connections kept for reuse when the store opened them itself (a server round trip each saved). */
    private final BlockingQueue<Connection> idle = new LinkedBlockingQueue<>(8);
    private volatile boolean closed;

    /** Connections from the driver at a URL (kept for reuse; an H2 file kept open by one held connection). */
    public static JdbcRunner of(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        String url = durable(jdbcUrl);
        return new JdbcRunner(jdbcUrl, () -> {
            try {
                return DriverManager.getConnection(url, user, password);
            } catch (SQLException e) {
                throw new StoreException("cannot connect to " + jdbcUrl + ": " + e.getMessage(), e);
            }
        }, jdbcUrl.startsWith("jdbc:h2:"), true);
    }

    /** Connections from the application's pool, each given back after its transaction. */
    public static JdbcRunner of(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new JdbcRunner(dataSource.toString(), () -> {
            try {
                return dataSource.getConnection();
            } catch (SQLException e) {
                throw new StoreException("cannot get a connection: " + e.getMessage(), e);
            }
        }, false, false);
    }

    /**
     * H2 writes committed transactions to its file in the background (up to half a second later by default), so a
     * killed process loses acknowledged changes; {@code WRITE_DELAY=0} writes at commit. Added unless the URL sets
     * it itself (CrashSafetyTest kills a JVM mid-ingestion to hold this).
     */
    public static String durable(String url) {
        if (url.startsWith("jdbc:postgresql:") && !url.toLowerCase(Locale.ROOT).contains("rewritebatchedinserts")) {
            // pgjdbc sends a batch of inserts as multi-row INSERTs: batched ingestion's inserts become one statement
            return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        }
        if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.toUpperCase(Locale.ROOT).contains("WRITE_DELAY")) {
            return url + ";WRITE_DELAY=0";
        }
        return url;
    }

    /** Whether the connection is to PostgreSQL, where some statements take a form of their own (the others are H2's too). */
    public static boolean postgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    JdbcRunner(String url, Supplier<Connection> connections, boolean keepOne, boolean reuse) {
        this.url = url;
        this.connections = connections;
        this.reuse = reuse;
        this.keeper = keepOne ? connections.get() : null;
    }

    public String url() {
        return url;
    }

    public <T> T run(Work<T> work) {
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Connection c = null;
            boolean healthy = false;
            try {
                c = borrow();
                c.setAutoCommit(false);
                try {
                    T result = work.in(c);
                    c.commit();
                    healthy = true;
                    return result;
                } catch (SQLException e) {
                    c.rollback();
                    healthy = true;
                    throw e;
                }
            } catch (SQLException e) {
                last = e;
                String state = e.getSQLState();
                if (!UNIQUE_VIOLATION.equals(state) && !SERIALIZATION_FAILURE.equals(state) && !DEADLOCK.equals(state)) {
                    break;
                }
            } finally {
                if (c != null) {
                    giveBack(c, healthy);
                }
            }
        }
        throw new StoreException("suppression store " + url + ": " + (last == null ? "failed" : last.getMessage()), last);
    }

    private Connection borrow() throws SQLException {
        Connection c;
        while ((c = idle.poll()) != null) {
            if (c.isValid(2)) {
                return c;
            }
            quietly(c);
        }
        return connections.get();
    }

    private void giveBack(Connection c, boolean healthy) {
        if (!healthy || closed || !reuse || !idle.offer(c)) {
            quietly(c);
        }
    }

    private static void quietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // already broken
        }
    }

    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.poll()) != null) {
            quietly(c);
        }
        if (keeper != null) {
            quietly(keeper);
        }
    }
}
