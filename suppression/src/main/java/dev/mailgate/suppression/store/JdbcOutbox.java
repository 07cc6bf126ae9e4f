package dev.mailgate.suppression.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

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
    public OutboxDepth depth(String destination) {
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
