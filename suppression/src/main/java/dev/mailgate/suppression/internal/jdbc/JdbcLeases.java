package dev.mailgate.suppression.internal.jdbc;

import dev.mailgate.suppression.shared.Lease;
import dev.mailgate.suppression.shared.Leases;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link Leases} in {@code mg_lease}: taking or renewing a lease is one conditional {@code UPDATE} (held by the
 * caller, or expired), or the first {@code INSERT} of the name; a concurrent first insert collides on the primary
 * key and the runner's retry then sees the other's row. The fence grows by one at each change of holder.
 */
public final class JdbcLeases implements Leases {
    private final JdbcRunner db;
    private final Clock clock;

    public JdbcLeases(JdbcRunner db, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<Lease> acquire(String name, String holder, Duration ttl) {
        Instant now = clock.instant();
        Instant until = now.plus(ttl);
        return db.run(c -> {
            try (PreparedStatement u = c.prepareStatement("update mg_lease set fence = case when holder = ? then fence else fence + 1 end, "
                    + "holder = ?, expires_at = ? where name = ? and (holder = ? or expires_at < ?)")) {
                u.setString(1, holder);
                u.setString(2, holder);
                u.setTimestamp(3, Timestamp.from(until));
                u.setString(4, name);
                u.setString(5, holder);
                u.setTimestamp(6, Timestamp.from(now));
                if (u.executeUpdate() == 1) {
                    return Optional.of(new Lease(name, holder, until, fence(c, name)));
                }
            }
            try (PreparedStatement q = c.prepareStatement("select 1 from mg_lease where name = ?")) {
                q.setString(1, name);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        return Optional.<Lease>empty(); // held by another, not expired
                    }
                }
            }
            try (PreparedStatement i = c.prepareStatement("insert into mg_lease (name, holder, expires_at, fence) values (?, ?, ?, 1)")) {
                i.setString(1, name);
                i.setString(2, holder);
                i.setTimestamp(3, Timestamp.from(until));
                i.executeUpdate();
            }
            return Optional.of(new Lease(name, holder, until, 1));
        });
    }

    private static long fence(java.sql.Connection c, String name) throws java.sql.SQLException {
        try (PreparedStatement q = c.prepareStatement("select fence from mg_lease where name = ?")) {
            q.setString(1, name);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Override
    public void release(String name, String holder) {
        db.run(c -> {
            // expired at once, the fence kept: the next holder's fence is still larger
            try (PreparedStatement u = c.prepareStatement("update mg_lease set expires_at = ? where name = ? and holder = ?")) {
                u.setTimestamp(1, Timestamp.from(Instant.EPOCH));
                u.setString(2, name);
                u.setString(3, holder);
                return u.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Lease> current(String name) {
        Instant now = clock.instant();
        return db.run(c -> {
            try (PreparedStatement q = c.prepareStatement("select holder, expires_at, fence from mg_lease where name = ?")) {
                q.setString(1, name);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next() && r.getTimestamp(2).toInstant().isAfter(now)) {
                        return Optional.of(new Lease(name, r.getString(1), r.getTimestamp(2).toInstant(), r.getLong(3)));
                    }
                    return Optional.<Lease>empty();
                }
            }
        });
    }
}
