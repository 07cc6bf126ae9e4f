package dev.mailgate.suppression.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the ingested event keys ({@code mg_event}) for a retention period and prunes older ones, so that the table
 * does not grow forever. The retention is the de-duplication window: an event replayed after its key was pruned is
 * applied again. So keep it longer than anything that can replay an event — a provider's webhook retries (hours to
 * a few days), a bounce mailbox re-read, a re-sent callback — and longer than the longest counting window of the
 * policy (30 days by default), or a replay could count a soft bounce twice in it. The default is 90 days.
 */
public final class EventRetention implements AutoCloseable {
    /** The default retention: three times the default soft-bounce window, far past any provider's retry period. */
    public static final Duration DEFAULT = Duration.ofDays(90);
    private static final System.Logger LOG = System.getLogger(EventRetention.class.getName());

    private final SuppressionStore store;
    private final Duration retention;
    private final Clock clock;
    private ScheduledExecutorService loop;

    private EventRetention(SuppressionStore store, Duration retention, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (retention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("the event retention must be at least a day (it is the de-duplication window), was "
                    + retention);
        }
    }

    public static EventRetention of(SuppressionStore store, Duration retention, Clock clock) {
        return new EventRetention(store, retention, clock);
    }

    public static EventRetention of(SuppressionStore store, Duration retention) {
        return of(store, retention, Clock.systemUTC());
    }

    public Duration retention() {
        return retention;
    }

    /** Prunes now; returns how many keys were removed. */
    public int pruneOnce() {
        Instant before = clock.instant().minus(retention);
        int removed = store.pruneEvents(before);
        LOG.log(System.Logger.Level.DEBUG, () -> "pruned " + removed + " event keys stored before " + before);
        return removed;
    }

    /** Prunes every {@code every} on a daemon thread (once a day is plenty), the first time at once. */
    public synchronized EventRetention start(Duration every) {
        Objects.requireNonNull(every, "every");
        if (loop == null) {
            loop = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "mailgate-event-retention");
                t.setDaemon(true);
                return t;
            });
            loop.scheduleWithFixedDelay(() -> {
                try {
                    pruneOnce();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "pruning event keys failed; trying again at the next run", e);
                }
            }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.shutdownNow();
            loop = null;
        }
    }
}
