package dev.mailgate.suppression.internal.jdbc;

import dev.mailgate.suppression.store.CallbackOutbox;
import dev.mailgate.suppression.store.OutboxDepth;
import dev.mailgate.suppression.store.OutboxItem;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The outbox in the store's database ({@code mg_outbox}; {@code failed} marks the refused items; {@code holder} and
 * {@code lease_until} the claim). A claim is {@code SELECT ... FOR UPDATE SKIP LOCKED} on the destination's oldest
 * unclaimed (or expired) items and an {@code UPDATE} of their holder and deadline in the same transaction, so two
 * publishers claiming at once get disjoint items. An ordered claim first locks the destination's row in
 * {@code mg_lease}, which serializes the claimers of one destination, and claims nothing while another holder's
 * lease is live there.
 */
public final class JdbcOutbox implements CallbackOutbox {
    private static final int MAX_ERROR = 2000;
    private final JdbcRunner db;
    private final Clock clock;

    public JdbcOutbox(JdbcRunner db) {
        this(db, Clock.systemUTC());
    }

    public JdbcOutbox(JdbcRunner db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public List<OutboxItem> claim(String destination, String holder, int max, Duration lease, boolean ordered) {
        Instant now = clock.instant();
        return db.run(c -> {
            if (ordered) {
                lockDestination(c, destination, holder, now);
                try (PreparedStatement q = c.prepareStatement(
                        "select 1 from mg_outbox where destination = ? and holder <> ? and lease_until > ? fetch first 1 rows only")) {
                    q.setString(1, destination);
                    q.setString(2, holder);
                    q.setTimestamp(3, Timestamp.from(now));
                    try (ResultSet r = q.executeQuery()) {
                        if (r.next()) {
                            return List.<OutboxItem>of(); // another publisher is delivering this destination's head
                        }
                    }
                }
            }
            List<OutboxItem> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("select id, payload, attempts from mg_outbox where destination = ? and failed = false"
                    + " and (lease_until is null or lease_until <= ? or holder = ?) order by id fetch first " + max + " rows only for update skip locked")) {
                p.setString(1, destination);
                p.setTimestamp(2, Timestamp.from(now));
                p.setString(3, holder);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new OutboxItem(r.getLong(1), destination, Base64.getDecoder().decode(r.getString(2)), r.getInt(3)));
                    }
                }
            }
            try (PreparedStatement u = c.prepareStatement("update mg_outbox set holder = ?, lease_until = ? where id = ?")) {
                for (OutboxItem item : out) {
                    u.setString(1, holder);
                    u.setTimestamp(2, Timestamp.from(now.plus(lease)));
                    u.setLong(3, item.id());
                    u.addBatch();
                }
                if (!out.isEmpty()) {
                    u.executeBatch();
                }
            }
            return out;
        });
    }

    /** Locks (creating it first) the destination's row in mg_lease for the rest of the transaction. */
    private static void lockDestination(java.sql.Connection c, String destination, String holder, Instant now) throws java.sql.SQLException {
        String name = "outbox:" + destination;
        try (PreparedStatement q = c.prepareStatement("select 1 from mg_lease where name = ? for update")) {
            q.setString(1, name);
            try (ResultSet r = q.executeQuery()) {
                if (r.next()) {
                    return;
                }
            }
        }
        // the first claim ever: a concurrent first insert collides (23505) and the runner retries into the lock above
        try (PreparedStatement i = c.prepareStatement("insert into mg_lease (name, holder, expires_at, fence) values (?, ?, ?, 0)")) {
            i.setString(1, name);
            i.setString(2, holder);
            i.setTimestamp(3, Timestamp.from(now));
            i.executeUpdate();
        }
    }

    @Override
    public int delivered(String holder, List<Long> ids) {
        return db.run(c -> {
            int deleted = 0;
            try (PreparedStatement p = c.prepareStatement("delete from mg_outbox where id = ? and holder = ?")) {
                for (Long id : ids) {
                    p.setLong(1, id);
                    p.setString(2, holder);
                    p.addBatch();
                }
                for (int n : p.executeBatch()) {
                    deleted += Math.max(0, n);
                }
            }
            return deleted;
        });
    }

    @Override
    public void add(String destination, List<byte[]> payloads) {
        db.run(c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "insert into mg_outbox (destination, payload, attempts, failed, created_at) values (?, ?, 0, false, ?)")) {
                for (byte[] payload : payloads) {
                    p.setString(1, destination);
                    p.setString(2, Base64.getEncoder().encodeToString(payload));
                    p.setTimestamp(3, Timestamp.from(Instant.now()));
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<OutboxItem> pending(String destination, int max) {
        return db.run(c -> {
            List<OutboxItem> out = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement(
                    "select id, payload, attempts from mg_outbox where destination = ? and failed = false order by id")) {
                p.setString(1, destination);
                p.setMaxRows(max);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(new OutboxItem(r.getLong(1), destination, Base64.getDecoder().decode(r.getString(2)), r.getInt(3)));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public void delivered(List<Long> ids) {
        db.run(c -> {
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
    public void retryLater(List<Long> ids, String error) {
        attempted(ids, false, error);
    }

    @Override
    public void refused(List<Long> ids, String error) {
        attempted(ids, true, error);
    }

    private void attempted(List<Long> ids, boolean refused, String error) {
        db.run(c -> {
            try (PreparedStatement p = c.prepareStatement("update mg_outbox set attempts = attempts + 1, failed = ?, last_error = ?, holder = null, lease_until = null where id = ?")) {
                for (Long id : ids) {
                    p.setBoolean(1, refused);
                    p.setString(2, error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
                    p.setLong(3, id);
                    p.addBatch();
                }
                p.executeBatch();
            }
            return null;
        });
    }

    @Override
    public int requeue(String destination) {
        return db.run(c -> {
            try (PreparedStatement p = c.prepareStatement("update mg_outbox set failed = false where destination = ? and failed = true")) {
                p.setString(1, destination);
                return p.executeUpdate();
            }
        });
    }

    @Override
    public OutboxDepth depth(String destination) {
        // pending and refused counts and the oldest pending item's age in one query, for the publisher's listener
        return db.run(c -> {
            int pending = 0;
            int refused = 0;
            Optional<Instant> oldest = Optional.empty();
            try (PreparedStatement p = c.prepareStatement(
                    "select failed, count(*), min(created_at) from mg_outbox where destination = ? group by failed")) {
                p.setString(1, destination);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        if (r.getBoolean(1)) {
                            refused = r.getInt(2);
                        } else {
                            pending = r.getInt(2);
                            oldest = Optional.ofNullable(r.getTimestamp(3)).map(Timestamp::toInstant);
                        }
                    }
                }
            }
            return new OutboxDepth(pending, refused, oldest);
        });
    }

    @Override
    public int count(String destination, boolean refused) {
        return db.run(c -> {
            try (PreparedStatement p = c.prepareStatement("select count(*) from mg_outbox where destination = ? and failed = ?")) {
                p.setString(1, destination);
                p.setBoolean(2, refused);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            }
        });
    }
}
