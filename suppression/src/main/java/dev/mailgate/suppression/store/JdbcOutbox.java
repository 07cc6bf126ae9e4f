package dev.mailgate.suppression.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The outbox in the store's database ({@code mg_outbox}; {@code failed} marks the refused items). */
final class JdbcOutbox implements CallbackOutbox {
    private static final int MAX_ERROR = 2000;
    private final JdbcRunner db;

    JdbcOutbox(JdbcRunner db) {
        this.db = db;
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
            try (PreparedStatement p = c.prepareStatement("update mg_outbox set attempts = attempts + 1, failed = ?, last_error = ? where id = ?")) {
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
