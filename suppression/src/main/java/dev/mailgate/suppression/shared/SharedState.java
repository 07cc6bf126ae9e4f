package dev.mailgate.suppression.shared;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.transport.SharedQuota;
import dev.mailgate.core.webhook.SeenEvents;
import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.internal.jdbc.JdbcLeases;
import dev.mailgate.suppression.internal.jdbc.JdbcOutbox;
import dev.mailgate.suppression.internal.jdbc.JdbcQuota;
import dev.mailgate.suppression.internal.jdbc.JdbcRunner;
import dev.mailgate.suppression.internal.jdbc.JdbcSchema;
import dev.mailgate.suppression.internal.jdbc.JdbcSeenEvents;
import dev.mailgate.suppression.store.CallbackOutbox;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * What N application instances on one database share besides the suppression lists (issue 23): the daily send
 * quota and pace ({@link #quota}), webhook de-duplication ({@link #seenEvents}), the callback outbox with claimed
 * rows ({@link #outbox}) and named leases ({@link #leases}). Opening it creates or migrates the same versioned
 * schema as {@code JdbcSuppressionStore} (one place, {@code mg_schema}); instances starting at once migrate once.
 * PostgreSQL for several instances; an H2 file works for one (and in tests). Thread-safe.
 */
public final class SharedState implements AutoCloseable {
    /** How long a webhook event's claim lasts when its instance dies while handing it over. */
    public static final Duration CLAIM = Duration.ofMinutes(2);

    private final JdbcRunner db;
    private final Clock clock;
    private final JdbcOutbox outbox;
    private final JdbcLeases leases;

    private SharedState(JdbcRunner db, Clock clock) {
        this.db = db;
        this.clock = clock;
        JdbcSchema.migrate(db);
        this.outbox = new JdbcOutbox(db, clock);
        this.leases = new JdbcLeases(db, clock);
    }

    public static SharedState open(String jdbcUrl, String user, String password) {
        return new SharedState(JdbcRunner.of(jdbcUrl, user, password), Clock.systemUTC());
    }

    public static SharedState open(String jdbcUrl) {
        return open(jdbcUrl, null, null);
    }

    /** On the application's connection pool (recommended: see docs/scaling.md for its size). */
    public static SharedState open(DataSource dataSource) {
        return new SharedState(JdbcRunner.of(dataSource), Clock.systemUTC());
    }

    /** With another clock (tests): leases, claims and retention are reckoned by it. Same connections: closing one closes both. */
    public SharedState withClock(Clock other) {
        return new SharedState(db, Objects.requireNonNull(other, "clock"));
    }

    /**
     * The send quota of one account (a provider login, an SMTP relay's sender), shared by every instance that names
     * the same account: pass it to {@code SmtpTransport.Builder.sharedQuota}.
     */
    public SharedQuota quota(String account) {
        return new JdbcQuota(db, account);
    }

    /** Durable webhook de-duplication with a retention (the window in which a replay is recognized). */
    public SeenEvents seenEvents(Duration retention) {
        return new JdbcSeenEvents(db, retention, CLAIM, clock);
    }

    /** {@link #seenEvents(Duration)} with 7 days: past every provider's retry period (SES, SendGrid: 3 days at most). */
    public SeenEvents seenEvents() {
        return seenEvents(Duration.ofDays(7));
    }

    /**
     * A webhook handler that applies the events to {@code suppressions} and de-duplicates in this database: a
     * delivery retried to another instance, or after a restart, is applied once. When the suppressions' store is on
     * the same database, applying an event and recording it as seen are one transaction.
     */
    public WebhookHandler.Builder webhookHandler(CallbackCodec codec, Suppressions suppressions) {
        Objects.requireNonNull(suppressions, "suppressions");
        return WebhookHandler.builder(codec).listener(suppressions::ingestAll).seenEvents(seenEvents());
    }

    /** The callback outbox, its items claimed by one publisher at a time (lease with a deadline). */
    public CallbackOutbox outbox() {
        return outbox;
    }

    public Leases leases() {
        return leases;
    }

    /**
     * Runs {@code job} (started by the supplier, stopped by closing what it returns) only while this instance holds
     * the lease {@code name}: a bounce mailbox's poller, one per mailbox across every instance.
     */
    public ActiveStandby whileHeld(String name, String holder, Duration ttl, java.util.function.Supplier<? extends AutoCloseable> job) {
        return new ActiveStandby(leases, name, holder, ttl, job);
    }

    /** The handled-message records of one bounce mailbox (name it by host, user and folder). */
    public ProcessedRecords processed(String mailbox) {
        return new dev.mailgate.suppression.internal.jdbc.JdbcProcessed(db, mailbox, clock);
    }

    @Override
    public void close() {
        db.close();
    }

    @Override
    public String toString() {
        return "SharedState[" + db.url() + "]";
    }
}
