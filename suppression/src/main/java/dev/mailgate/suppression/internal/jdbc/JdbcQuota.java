package dev.mailgate.suppression.internal.jdbc;

import dev.mailgate.core.transport.SharedQuota;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A {@link SharedQuota} in {@code mg_quota}: one row per account and UTC day, locked ({@code SELECT ... FOR UPDATE})
 * for the time of one reservation, so that instances reserving at once are served one after the other and never
 * grant more than the limit between them. The pace's next free slot is kept on the same row.
 */
public final class JdbcQuota implements SharedQuota {
    private final JdbcRunner db;
    private final String account;

    public JdbcQuota(JdbcRunner db, String account) {
        this.db = Objects.requireNonNull(db, "db");
        this.account = Objects.requireNonNull(account, "account");
        if (account.isBlank() || account.length() > 200) {
            throw new IllegalArgumentException("a quota account name is 1 to 200 characters, was \"" + account + "\"");
        }
    }

    @Override
    public Reservation reserve(LocalDate day, int count, long maxPerDay, Duration pace, Instant now) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        return db.run(c -> {
            long used = -1;
            Timestamp next = null;
            for (int pass = 0; pass < 2 && used < 0; pass++) {
                try (PreparedStatement q = c.prepareStatement("select used, next_slot from mg_quota where account = ? and quota_day = ? for update")) {
                    q.setString(1, account);
                    q.setObject(2, day);
                    try (ResultSet r = q.executeQuery()) {
                        if (r.next()) {
                            used = r.getLong(1);
                            next = r.getTimestamp(2);
                        }
                    }
                }
                if (used < 0) {
                    // the day's first send; a concurrent first insert fails with 23505 and the runner retries
                    try (PreparedStatement i = c.prepareStatement("insert into mg_quota (account, quota_day, used) values (?, ?, 0)")) {
                        i.setString(1, account);
                        i.setObject(2, day);
                        i.executeUpdate();
                    }
                }
            }
            int granted = maxPerDay == 0 ? count : (int) Math.max(0, Math.min(count, maxPerDay - used));
            Instant first = next != null && next.toInstant().isAfter(now) ? next.toInstant() : now;
            if (granted > 0) {
                try (PreparedStatement u = c.prepareStatement("update mg_quota set used = used + ?, next_slot = ? where account = ? and quota_day = ?")) {
                    u.setLong(1, granted);
                    u.setTimestamp(2, Timestamp.from(first.plus(pace.multipliedBy(granted))));
                    u.setString(3, account);
                    u.setObject(4, day);
                    u.executeUpdate();
                }
            }
            return new Reservation(granted, first);
        });
    }

    @Override
    public void giveBack(LocalDate day, int count) {
        if (count < 1) {
            return;
        }
        db.run(c -> {
            try (PreparedStatement u = c.prepareStatement(
                    "update mg_quota set used = case when used > ? then used - ? else 0 end where account = ? and quota_day = ?")) {
                u.setLong(1, count);
                u.setLong(2, count);
                u.setString(3, account);
                u.setObject(4, day);
                return u.executeUpdate();
            }
        });
    }

    @Override
    public long used(LocalDate day) {
        return db.run(c -> {
            try (PreparedStatement q = c.prepareStatement("select used from mg_quota where account = ? and quota_day = ?")) {
                q.setString(1, account);
                q.setObject(2, day);
                try (ResultSet r = q.executeQuery()) {
                    return r.next() ? r.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public String toString() {
        return "JdbcQuota[" + account + " @ " + db.url() + "]";
    }
}
