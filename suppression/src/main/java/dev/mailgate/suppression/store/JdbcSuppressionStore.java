package dev.mailgate.suppression.store;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.SuppressionEntry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A store in a relational database through JDBC: an H2 file ({@code jdbc:h2:file:./suppressions}, the embedded
 * default that needs no server) or PostgreSQL ({@code jdbc:postgresql://...}, several application instances sharing
 * one list). The schema is created and migrated by the store ({@code mg_schema} holds its version). Each ingestion
 * is one transaction: the event key is inserted first (a key seen before aborts it: idempotent replay), the counter
 * is updated in place (a row lock serializes concurrent increments) or inserted, and the list entry added at the
 * threshold; a unique-key race between two instances is retried.
 *
 * <p>The JDBC driver is the application's dependency (H2 or PostgreSQL), found by {@link DriverManager}.
 */
public final class JdbcSuppressionStore implements SuppressionStore {
    static final int SCHEMA_VERSION = 2;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final int ATTEMPTS = 5;
    private static final int LOOKUP_BATCH = 500;

    private final Supplier<Connection> connections;
    private final String url;
    /** Held open for the store's life: an embedded H2 database closes with its last connection. */
    private final Connection keeper;
    /** Whether connections are ours to keep for reuse (not when they come from the application's pool). */
    private final boolean reuse;

    private JdbcSuppressionStore(String url, Supplier<Connection> connections, boolean keepOne, boolean reuse) {
        this.url = url;
        this.connections = connections;
        this.reuse = reuse;
        this.keeper = keepOne ? connections.get() : null;
        migrate();
    }

    /** Opens (and creates or migrates) the store at a JDBC URL. */
    public static JdbcSuppressionStore open(String jdbcUrl, String user, String password) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        String url = durable(jdbcUrl);
        return new JdbcSuppressionStore(jdbcUrl, () -> {
            try {
                return DriverManager.getConnection(url, user, password);
            } catch (SQLException e) {
                throw new StoreException("cannot connect to " + jdbcUrl + ": " + e.getMessage(), e);
            }
        }, jdbcUrl.startsWith("jdbc:h2:"), true);
    }

    /** Idle connections kept for reuse when the store opened them itself (a server round trip each saved). */
    private final java.util.concurrent.BlockingQueue<Connection> idle = new java.util.concurrent.LinkedBlockingQueue<>(8);
    private volatile boolean closed;

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

    /**
     * H2 writes committed transactions to its file in the background (up to half a second later by default), so a
     * killed process loses acknowledged changes; {@code WRITE_DELAY=0} writes at commit. Added unless the URL sets
     * it itself (CrashSafetyTest kills a JVM mid-ingestion to hold this).
     */
    static String durable(String url) {
        if (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:") && !url.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")) {
            return url + ";WRITE_DELAY=0";
        }
        return url;
    }

    /** A store on the application's connection pool (recommended for PostgreSQL: a connection per operation). */
    public static JdbcSuppressionStore open(javax.sql.DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        return new JdbcSuppressionStore(dataSource.toString(), () -> {
            try {
                return dataSource.getConnection();
            } catch (SQLException e) {
                throw new StoreException("cannot get a connection: " + e.getMessage(), e);
            }
        }, false, false);
    }

    public static JdbcSuppressionStore open(String jdbcUrl) {
        return open(jdbcUrl, null, null);
    }

    /** Creates the tables when missing; later schema versions add their migrations here. */
    private void migrate() {
        run(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("create table if not exists mg_schema (version integer not null)");
                int version = 0;
                try (ResultSet r = s.executeQuery("select max(version) from mg_schema")) {
                    if (r.next()) {
                        version = r.getInt(1);
                    }
                }
                if (version > SCHEMA_VERSION) {
                    throw new SQLException("the database has schema version " + version + ", newer than this Mailgate's "
                            + SCHEMA_VERSION + "; upgrade Mailgate before using it");
                }
                if (version < 1) {
                    s.execute("create table if not exists mg_entry (address varchar(320) not null, list varchar(16) not null, "
                            + "scope varchar(200) not null, reason varchar(2000) not null, source varchar(100) not null, "
                            + "created_at timestamp not null, primary key (address, list, scope))");
                    s.execute("create table if not exists mg_counter (address varchar(320) not null, klass varchar(16) not null, "
                            + "count integer not null, window_start timestamp not null, primary key (address, klass))");
                    s.execute("create table if not exists mg_event (event_key varchar(300) primary key, seen_at timestamp not null)");
                    s.execute("create table if not exists mg_audit (address varchar(320) not null, list varchar(16) not null, "
                            + "scope varchar(200) not null, added boolean not null, reason varchar(2000) not null, "
                            + "source varchar(100) not null, at timestamp not null)");
                    s.execute("create index if not exists mg_audit_address on mg_audit (address)");
                    s.execute("insert into mg_schema (version) values (1)");
                }
                if (version < 2) {
                    // v2: the durable outbox of the callback publisher
                    s.execute("create table if not exists mg_outbox (id bigint generated by default as identity primary key, "
                            + "destination varchar(2000) not null, payload varchar(1000000) not null, attempts integer not null, "
                            + "failed boolean not null, last_error varchar(2000), created_at timestamp not null)");
                    s.execute("create index if not exists mg_outbox_pending on mg_outbox (destination, failed, id)");
                    s.execute("insert into mg_schema (version) values (2)");
                }
            }
            return null;
        });
    }

    @Override
    public IngestResult ingest(Ingestion in) {
        return ingestAll(List.of(in)).get(0);
    }

    @Override
    public List<IngestResult> ingestAll(List<Ingestion> ingestions) {
        return run(c -> {
            List<IngestResult> results = new ArrayList<>(ingestions.size());
            for (Ingestion in : ingestions) {
                results.add(apply(c, in));
            }
            return results;
        });
    }

    /**
     * One event inside the caller's transaction. The key is looked up before it is inserted, so that a replay is
     * recognized without an error (which would abort a PostgreSQL transaction); two instances inserting the same
     * key at once still collide on the primary key, and the retried transaction then sees it.
     */
    private static IngestResult apply(Connection c, Ingestion in) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select 1 from mg_event where event_key = ?")) {
            q.setString(1, in.eventKey());
            try (ResultSet r = q.executeQuery()) {
                if (r.next()) {
                    return IngestResult.DUPLICATE;
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("insert into mg_event (event_key, seen_at) values (?, ?)")) {
            p.setString(1, in.eventKey());
            p.setTimestamp(2, Timestamp.from(in.at()));
            p.executeUpdate();
        }
        String address = SuppressionEntry.key(in.address());
        for (EventClass klass : in.resetCounts()) {
            try (PreparedStatement p = c.prepareStatement("delete from mg_counter where address = ? and klass = ?")) {
                p.setString(1, address);
                p.setString(2, klass.name());
                p.executeUpdate();
            }
        }
        int count = 0;
        if (in.counted().isPresent()) {
            count = increment(c, address, in.counted().get().name(), in.at(), in.at().minus(in.window()));
        }
        boolean added = false;
        if (in.entry().isPresent() && (in.counted().isEmpty() || count >= in.threshold())) {
            added = insertEntry(c, in.entry().get());
        }
        return new IngestResult(false, count, added);
    }

    /** Counts one event: a count whose window started before {@code expired} starts again at 1. */
    private static int increment(Connection c, String address, String klass, Instant at, Instant expired) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("update mg_counter set "
                + "count = case when window_start < ? then 1 else count + 1 end, "
                + "window_start = case when window_start < ? then ? else window_start end where address = ? and klass = ?")) {
            Timestamp limit = Timestamp.from(expired);
            p.setTimestamp(1, limit);
            p.setTimestamp(2, limit);
            p.setTimestamp(3, Timestamp.from(at));
            p.setString(4, address);
            p.setString(5, klass);
            if (p.executeUpdate() == 0) {
                try (PreparedStatement i = c.prepareStatement("insert into mg_counter (address, klass, count, window_start) values (?, ?, 1, ?)")) {
                    i.setString(1, address);
                    i.setString(2, klass);
                    i.setTimestamp(3, Timestamp.from(at));
                    i.executeUpdate(); // a concurrent first insert fails with 23505; the transaction is retried
                }
                return 1;
            }
        }
        try (PreparedStatement q = c.prepareStatement("select count from mg_counter where address = ? and klass = ?")) {
            q.setString(1, address);
            q.setString(2, klass);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** Adds an entry unless present (checked first, so that PostgreSQL's transaction is not aborted by a conflict). */
    private static boolean insertEntry(Connection c, SuppressionEntry e) throws SQLException {
        String address = SuppressionEntry.key(e.address());
        String scope = e.campaign().orElse("");
        try (PreparedStatement q = c.prepareStatement("select 1 from mg_entry where address = ? and list = ? and scope = ?")) {
            q.setString(1, address);
            q.setString(2, e.list().name());
            q.setString(3, scope);
            try (ResultSet r = q.executeQuery()) {
                if (r.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement(
                "insert into mg_entry (address, list, scope, reason, source, created_at) values (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, address);
            p.setString(2, e.list().name());
            p.setString(3, scope);
            p.setString(4, e.reason());
            p.setString(5, e.source());
            p.setTimestamp(6, Timestamp.from(e.at()));
            p.executeUpdate();
        }
        audit(c, address, e.list(), scope, true, e.reason(), e.source(), e.at());
        return true;
    }

    private static void audit(Connection c, String address, SuppressionList list, String scope, boolean added, String reason, String source,
            Instant at) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "insert into mg_audit (address, list, scope, added, reason, source, at) values (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, address);
            p.setString(2, list.name());
            p.setString(3, scope);
            p.setBoolean(4, added);
            p.setString(5, reason);
            p.setString(6, source);
            p.setTimestamp(7, Timestamp.from(at));
            p.executeUpdate();
        }
    }

    @Override
    public boolean add(SuppressionEntry entry) {
        return run(c -> insertEntry(c, entry));
    }

    @Override
    public boolean remove(EmailAddress address, SuppressionList list, Optional<String> campaign, String reason, String source) {
        return run(c -> {
            String key = SuppressionEntry.key(address);
            try (PreparedStatement p = c.prepareStatement("delete from mg_entry where address = ? and list = ? and scope = ?")) {
                p.setString(1, key);
                p.setString(2, list.name());
                p.setString(3, campaign.orElse(""));
                if (p.executeUpdate() == 0) {
                    return false;
                }
            }
            audit(c, key, list, campaign.orElse(""), false, reason, source, Instant.now());
            return true;
        });
    }

    @Override
    public Map<EmailAddress, SuppressionList> blocked(Collection<EmailAddress> addresses, Optional<String> campaign) {
        Map<String, EmailAddress> byKey = new LinkedHashMap<>();
        for (EmailAddress a : addresses) {
            byKey.putIfAbsent(SuppressionEntry.key(a), a);
        }
        List<String> keys = new ArrayList<>(byKey.keySet());
        Map<String, SuppressionList> found = new HashMap<>();
        run(c -> {
            // one statement per few hundred addresses: a 100,000-recipient batch is 200 round trips, not 100,000
            for (int from = 0; from < keys.size(); from += LOOKUP_BATCH) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + LOOKUP_BATCH));
                String marks = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement p = c.prepareStatement("select address, list from mg_entry where address in (" + marks
                        + ") and (scope = '' or scope = ?)")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        p.setString(i + 1, chunk.get(i));
                    }
                    p.setString(chunk.size() + 1, campaign.orElse(""));
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            SuppressionList list = SuppressionList.valueOf(r.getString(2));
                            // suppressed wins over unsubscribed when an address is on both
                            found.merge(r.getString(1), list, (a, b) -> a == SuppressionList.SUPPRESSED ? a : b);
                        }
                    }
                }
            }
            return null;
        });
        Map<EmailAddress, SuppressionList> out = new LinkedHashMap<>();
        byKey.forEach((k, a) -> {
            if (found.containsKey(k)) {
                out.put(a, found.get(k));
            }
        });
        return out;
    }

    @Override
    public List<SuppressionEntry> list(SuppressionList list) {
        return run(c -> {
            List<SuppressionEntry> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "select address, scope, reason, source, created_at from mg_entry where list = ? order by created_at, address")) {
                p.setString(1, list.name());
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String scope = r.getString(2);
                        out.add(new SuppressionEntry(EmailAddress.parse(r.getString(1)), list, scope.isEmpty() ? Optional.empty() : Optional.of(scope),
                                r.getString(3), r.getString(4), r.getTimestamp(5).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public int count(EmailAddress address, EventClass eventClass) {
        return run(c -> {
            try (PreparedStatement p = c.prepareStatement("select count from mg_counter where address = ? and klass = ?")) {
                p.setString(1, SuppressionEntry.key(address));
                p.setString(2, eventClass.name());
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? r.getInt(1) : 0;
                }
            }
        });
    }

    @Override
    public void resetCounts(EmailAddress address, Optional<EventClass> eventClass) {
        run(c -> {
            try (PreparedStatement p = c.prepareStatement("delete from mg_counter where address = ?" + (eventClass.isPresent() ? " and klass = ?" : ""))) {
                p.setString(1, SuppressionEntry.key(address));
                if (eventClass.isPresent()) {
                    p.setString(2, eventClass.get().name());
                }
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<AuditRecord> audit(EmailAddress address) {
        return run(c -> {
            List<AuditRecord> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "select list, scope, added, reason, source, at from mg_audit where address = ? order by at")) {
                p.setString(1, SuppressionEntry.key(address));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String scope = r.getString(2);
                        out.add(new AuditRecord(SuppressionEntry.key(address), SuppressionList.valueOf(r.getString(1)),
                                scope.isEmpty() ? Optional.empty() : Optional.of(scope), r.getBoolean(3), r.getString(4), r.getString(5),
                                r.getTimestamp(6).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void outboxAdd(String destination, List<byte[]> payloads) {
        run(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "insert into mg_outbox (destination, payload, attempts, failed, created_at) values (?, ?, 0, false, ?)")) {
                for (byte[] payload : payloads) {
                    p.setString(1, destination);
                    p.setString(2, java.util.Base64.getEncoder().encodeToString(payload));
                    p.setTimestamp(3, Timestamp.from(Instant.now()));
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<OutboxItem> outboxPending(String destination, int max) {
        return run(c -> {
            List<OutboxItem> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "select id, payload, attempts from mg_outbox where destination = ? and failed = false order by id")) {
                p.setString(1, destination);
                p.setMaxRows(max);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new OutboxItem(r.getLong(1), destination, java.util.Base64.getDecoder().decode(r.getString(2)), r.getInt(3)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void outboxDelivered(List<Long> ids) {
        run(c -> {
            try (PreparedStatement p = c.prepareStatement("delete from mg_outbox where id = ?")) {
                for (Long id : ids) {
                    p.setLong(1, id);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void outboxAttempted(List<Long> ids, boolean failed, String error) {
        run(c -> {
            try (PreparedStatement p = c.prepareStatement("update mg_outbox set attempts = attempts + 1, failed = ?, last_error = ? where id = ?")) {
                for (Long id : ids) {
                    p.setBoolean(1, failed);
                    p.setString(2, error.length() > 2000 ? error.substring(0, 2000) : error);
                    p.setLong(3, id);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    @Override
    public int outboxCount(String destination, boolean failed) {
        return run(c -> {
            try (PreparedStatement p = c.prepareStatement("select count(*) from mg_outbox where destination = ? and failed = ?")) {
                p.setString(1, destination);
                p.setBoolean(2, failed);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.poll()) != null) {
            quietly(c);
        }
        if (keeper != null) {
            try {
                keeper.close();
            } catch (SQLException ignored) {
                // closing; nothing to recover
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcSuppressionStore[" + url + "]";
    }

    /** Work inside one transaction, committed on return; unique-key races and serialization failures are retried. */
    @FunctionalInterface
    private interface Work<T> {
        T in(Connection c) throws SQLException;
    }

    private <T> T run(Work<T> work) {
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
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) && !SERIALIZATION_FAILURE.equals(e.getSQLState())) {
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
}
