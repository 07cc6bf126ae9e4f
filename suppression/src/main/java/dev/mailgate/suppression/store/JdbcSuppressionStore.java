package dev.mailgate.suppression.store;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.AddressKey;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.ExclusionPolicy;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import dev.mailgate.suppression.internal.jdbc.JdbcOutbox;
import dev.mailgate.suppression.internal.jdbc.JdbcRunner;
import dev.mailgate.suppression.internal.jdbc.JdbcSchema;
import javax.sql.DataSource;

/**
 * A store in a relational database through JDBC: an H2 file ({@code jdbc:h2:file:./suppressions}, the embedded
 * default that needs no server) or PostgreSQL ({@code jdbc:postgresql://...}, several application instances sharing
 * one list). The schema is created and migrated by the store ({@link JdbcSchema}; {@code mg_schema} holds its
 * version). Each ingestion is one transaction: the event key is inserted first (a key seen before aborts it:
 * idempotent replay), the class's counter row is locked (serializing concurrent counts of one address), the event
 * is counted in the sliding window, and the list entry added at the threshold; a unique-key race between two
 * instances is retried (on PostgreSQL the key and counter inserts wait for the other instance's and skip what it
 * stored: {@code PostgresIngestSql}). Addresses are keyed by {@link AddressKey}; the written form is kept for display.
 *
 * <p>The JDBC driver is the application's dependency (H2 or PostgreSQL), found by {@link java.sql.DriverManager}.
 */
public final class JdbcSuppressionStore implements SuppressionStore {
    static final int SCHEMA_VERSION = JdbcSchema.VERSION;
    private static final int LOOKUP_BATCH = 500;

    private final JdbcRunner db;
    private final JdbcOutbox outbox;

    private JdbcSuppressionStore(JdbcRunner db) {
        this.db = db;
        this.outbox = new JdbcOutbox(db);
        JdbcSchema.migrate(db);
    }

    /** Opens (and creates or migrates) the store at a JDBC URL. */
    public static JdbcSuppressionStore open(String jdbcUrl, String user, String password) {
        return new JdbcSuppressionStore(JdbcRunner.of(jdbcUrl, user, password));
    }

    public static JdbcSuppressionStore open(String jdbcUrl) {
        return open(jdbcUrl, null, null);
    }

    /** A store on the application's connection pool (recommended for PostgreSQL: a connection per operation). */
    public static JdbcSuppressionStore open(DataSource dataSource) {
        return new JdbcSuppressionStore(JdbcRunner.of(dataSource));
    }

    static String durable(String url) {
        return JdbcRunner.durable(url);
    }

    @Override
    public IngestResult ingest(Ingestion in) {
        return ingestAll(List.of(in)).get(0);
    }

    /** One transaction for the batch, each step one batched statement ({@link JdbcIngest}). */
    @Override
    public List<IngestResult> ingestAll(List<Ingestion> ingestions) {
        if (ingestions.isEmpty()) {
            return List.of();
        }
        return db.run(c -> JdbcIngest.apply(c, ingestions));
    }

    /** Adds an entry unless present (checked first, so that PostgreSQL's transaction is not aborted by a conflict). */
    private static boolean insertEntry(Connection c, SuppressionEntry e) throws SQLException {
        String address = AddressKey.of(e.address());
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
                "insert into mg_entry (address, display, list, scope, reason, source, created_at) values (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, address);
            p.setString(2, e.address().address());
            p.setString(3, e.list().name());
            p.setString(4, scope);
            p.setString(5, e.reason());
            p.setString(6, e.source());
            p.setTimestamp(7, Timestamp.from(e.at()));
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
        return db.run(c -> insertEntry(c, entry));
    }

    @Override
    public boolean remove(EmailAddress address, SuppressionList list, Optional<String> campaign, String reason, String source) {
        return db.run(c -> {
            String key = AddressKey.of(address);
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
    public Map<EmailAddress, SuppressionList> blocked(Collection<EmailAddress> addresses, Optional<String> campaign, ExclusionPolicy exclusion) {
        // every spelling the caller passed is answered, each as passed (two spellings share one key)
        Map<String, List<EmailAddress>> byKey = new LinkedHashMap<>();
        for (EmailAddress a : addresses) {
            byKey.computeIfAbsent(AddressKey.of(a), k -> new ArrayList<>()).add(a);
        }
        List<String> keys = new ArrayList<>(byKey.keySet());
        Map<String, SuppressionList> found = new HashMap<>();
        // CRM seed "Address exclusion policy": Campaigns = global unsubscribes and this campaign's; Global = any
        String scopes = exclusion == ExclusionPolicy.GLOBAL ? "" : " and (scope = '' or scope = ?)";
        db.run(c -> {
            // one statement per few hundred addresses: a 100,000-recipient batch is 200 round trips, not 100,000
            for (int from = 0; from < keys.size(); from += LOOKUP_BATCH) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + LOOKUP_BATCH));
                String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement p = c.prepareStatement("select address, list from mg_entry where address in (" + marks + ")"
                        + " and (list = 'SUPPRESSED' or list = 'UNSUBSCRIBED'" + scopes + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        p.setString(i + 1, chunk.get(i));
                    }
                    if (exclusion != ExclusionPolicy.GLOBAL) {
                        p.setString(chunk.size() + 1, campaign.orElse(""));
                    }
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
        byKey.forEach((k, spellings) -> {
            SuppressionList l = found.get(k);
            if (l != null) {
                spellings.forEach(a -> out.put(a, l));
            }
        });
        return out;
    }

    @Override
    public List<SuppressionEntry> list(SuppressionList list) {
        return db.run(c -> {
            List<SuppressionEntry> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "select coalesce(display, address), scope, reason, source, created_at from mg_entry where list = ? order by created_at, address")) {
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
        return db.run(c -> JdbcCounters.current(c, AddressKey.of(address), eventClass));
    }

    @Override
    public void resetCounts(EmailAddress address, Optional<EventClass> eventClass) {
        db.run(c -> {
            JdbcCounters.reset(c, AddressKey.of(address), eventClass);
            return null;
        });
    }

    @Override
    public List<AuditRecord> audit(EmailAddress address) {
        return db.run(c -> {
            List<AuditRecord> out = new ArrayList<>();
            String key = AddressKey.of(address);
            try (PreparedStatement p = c.prepareStatement(
                    "select list, scope, added, reason, source, at from mg_audit where address = ? order by at")) {
                p.setString(1, key);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        String scope = r.getString(2);
                        out.add(new AuditRecord(key, SuppressionList.valueOf(r.getString(1)), scope.isEmpty() ? Optional.empty() : Optional.of(scope),
                                r.getBoolean(3), r.getString(4), r.getString(5), r.getTimestamp(6).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public int pruneEvents(Instant storedBefore) {
        return db.run(c -> {
            try (PreparedStatement p = c.prepareStatement("delete from mg_event where stored_at < ?")) {
                p.setTimestamp(1, Timestamp.from(storedBefore));
                return p.executeUpdate();
            }
        });
    }

    @Override
    public CallbackOutbox outbox() {
        return outbox;
    }

    @Override
    public void close() {
        db.close();
    }

    @Override
    public String toString() {
        return "JdbcSuppressionStore[" + db.url() + "]";
    }
}
