package dev.mailgate.suppression.internal.jdbc;

import dev.mailgate.core.webhook.SeenEvents;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * {@link SeenEvents} in {@code mg_seen}, shared by every instance: a row with {@code claimed_until} is a claim (a
 * request handing the event over right now), one without is recorded. A claim whose holder died ends at its
 * deadline, and the next delivery claims the event again. An event key the suppression store already applied
 * ({@code mg_event}, written in the ingestion's own transaction) counts as recorded too: so when the listener is
 * {@code Suppressions}, its work and "seen" are one commit, and a crash between the listener and {@link #addAll}
 * neither loses the event nor applies it twice. Keys are kept for the retention (the de-duplication window).
 */
public final class JdbcSeenEvents implements SeenEvents {
    private final JdbcRunner db;
    private final Duration retention;
    private final Duration claimFor;
    private final Clock clock;
    private volatile Instant nextPrune = Instant.MIN;

    public JdbcSeenEvents(JdbcRunner db, Duration retention, Duration claimFor, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.claimFor = Objects.requireNonNull(claimFor, "claimFor");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("the retention is the de-duplication window and must be at least an hour, was " + retention);
        }
    }

    @Override
    public boolean contains(String key) {
        return db.run(c -> recorded(c, key, clock.instant()));
    }

    private boolean recorded(Connection c, String key, Instant now) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("select claimed_until, stored_at from mg_seen where event_key = ?")) {
            q.setString(1, key);
            try (ResultSet r = q.executeQuery()) {
                if (r.next() && r.getTimestamp(1) == null && r.getTimestamp(2).toInstant().isAfter(now.minus(retention))) {
                    return true;
                }
            }
        }
        try (PreparedStatement q = c.prepareStatement("select 1 from mg_event where event_key = ?")) {
            q.setString(1, key);
            try (ResultSet r = q.executeQuery()) {
                return r.next();
            }
        }
    }

    @Override
    public boolean claim(String key) {
        Instant now = clock.instant();
        return db.run(c -> {
            if (recorded(c, key, now)) {
                return false;
            }
            try (PreparedStatement q = c.prepareStatement("select claimed_until from mg_seen where event_key = ? for update")) {
                q.setString(1, key);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        Timestamp until = r.getTimestamp(1);
                        if (until != null && until.toInstant().isAfter(now)) {
                            return false; // another request holds it
                        }
                        // an expired claim (its holder died), or a record older than the retention: claimed anew
                        try (PreparedStatement u = c.prepareStatement("update mg_seen set claimed_until = ?, stored_at = ? where event_key = ?")) {
                            u.setTimestamp(1, Timestamp.from(now.plus(claimFor)));
                            u.setTimestamp(2, Timestamp.from(now));
                            u.setString(3, key);
                            u.executeUpdate();
                        }
                        return true;
                    }
                }
            }
            // a concurrent first claim collides on the primary key (23505): the runner retries and finds its claim
            try (PreparedStatement i = c.prepareStatement("insert into mg_seen (event_key, claimed_until, stored_at) values (?, ?, ?)")) {
                i.setString(1, key);
                i.setTimestamp(2, Timestamp.from(now.plus(claimFor)));
                i.setTimestamp(3, Timestamp.from(now));
                i.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public void addAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<String> list = List.copyOf(keys);
        db.run(c -> {
            int[] updated;
            try (PreparedStatement u = c.prepareStatement("update mg_seen set claimed_until = null, stored_at = ? where event_key = ?")) {
                for (String k : list) {
                    u.setTimestamp(1, Timestamp.from(now));
                    u.setString(2, k);
                    u.addBatch();
                }
                updated = u.executeBatch();
            }
            try (PreparedStatement i = c.prepareStatement("insert into mg_seen (event_key, claimed_until, stored_at) values (?, null, ?)")) {
                boolean any = false;
                for (int k = 0; k < list.size(); k++) {
                    if (updated[k] == 0) {
                        i.setString(1, list.get(k));
                        i.setTimestamp(2, Timestamp.from(now));
                        i.addBatch();
                        any = true;
                    }
                }
                if (any) {
                    i.executeBatch();
                }
            }
            return null;
        });
        if (now.isAfter(nextPrune)) {
            nextPrune = now.plus(Duration.ofHours(1));
            prune();
        }
    }

    @Override
    public void release(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        db.run(c -> {
            try (PreparedStatement d = c.prepareStatement("delete from mg_seen where event_key = ? and claimed_until is not null")) {
                for (String k : keys) {
                    d.setString(1, k);
                    d.addBatch();
                }
                d.executeBatch();
            }
            return null;
        });
    }

    /** Forgets recorded keys older than the retention; returns how many. (Run at most hourly from {@link #addAll}.) */
    public int prune() {
        Instant before = clock.instant().minus(retention);
        return db.run(c -> {
            try (PreparedStatement d = c.prepareStatement("delete from mg_seen where stored_at < ? and claimed_until is null")) {
                d.setTimestamp(1, Timestamp.from(before));
                return d.executeUpdate();
            }
        });
    }
}
