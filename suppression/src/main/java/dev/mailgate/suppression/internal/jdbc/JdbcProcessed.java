package dev.mailgate.suppression.internal.jdbc;

import dev.mailgate.suppression.shared.ProcessedRecords;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Objects;

/** {@link ProcessedRecords} in {@code mg_processed}, one row per mailbox and message key. */
public final class JdbcProcessed implements ProcessedRecords {
    private static final int MAX_KEY = 1000;
    private final JdbcRunner db;
    private final String mailbox;
    private final Clock clock;

    public JdbcProcessed(JdbcRunner db, String mailbox, Clock clock) {
        this.db = Objects.requireNonNull(db, "db");
        this.mailbox = Objects.requireNonNull(mailbox, "mailbox");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public boolean contains(String messageKey) {
        return db.run(c -> {
            try (PreparedStatement q = c.prepareStatement("select 1 from mg_processed where mailbox = ? and message_key = ?")) {
                q.setString(1, mailbox);
                q.setString(2, bounded(messageKey));
                try (ResultSet r = q.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    @Override
    public void add(String messageKey) {
        db.run(c -> {
            // looked up first: a conflicting insert would abort a PostgreSQL transaction (a concurrent one is retried)
            try (PreparedStatement q = c.prepareStatement("select 1 from mg_processed where mailbox = ? and message_key = ?")) {
                q.setString(1, mailbox);
                q.setString(2, bounded(messageKey));
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        return null;
                    }
                }
            }
            try (PreparedStatement i = c.prepareStatement("insert into mg_processed (mailbox, message_key, at) values (?, ?, ?)")) {
                i.setString(1, mailbox);
                i.setString(2, bounded(messageKey));
                i.setTimestamp(3, Timestamp.from(clock.instant()));
                i.executeUpdate();
            }
            return null;
        });
    }

    private static String bounded(String key) {
        if (key.length() > MAX_KEY) {
            throw new IllegalArgumentException("a message key (" + key.length() + " characters) exceeds the maximum (" + MAX_KEY + ")");
        }
        return key;
    }
}
