package dev.mailgate.core.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The keys of events already handed to the application, so that a provider's retried delivery does not count a
 * bounce twice. Keys are the provider's event id, or a hash of the event's content when the provider sends none.
 * Implementations shared by several handler instances (a database) make de-duplication hold across a cluster.
 *
 * <p>A key goes through two states: <em>claimed</em> while one request hands its event to the listener, then
 * <em>recorded</em> once the listener succeeded (or released, when it failed, so that the retry hands it over
 * again). {@link #claim} is the one atomic check-and-set: two concurrent deliveries of the same event cannot both
 * claim it, so they cannot both reach the listener. A database implements it as one conditional insert (for
 * example {@code INSERT ... ON CONFLICT DO NOTHING} and counting the inserted row).
 */
public interface SeenEvents {
    /** Whether the key was recorded as handled (a claim alone does not count). */
    boolean contains(String key);

    /** Records keys after the application has handled their events, ending their claims. */
    void addAll(Collection<String> keys);

    /**
     * Atomically claims a key: true when it was neither recorded nor claimed, and is now claimed by the caller;
     * false otherwise. The caller must end the claim with {@link #addAll} or {@link #release}.
     */
    boolean claim(String key);

    /** Ends claims without recording the keys: their events were not handled, and a retry must hand them over. */
    void release(Collection<String> keys);

    /**
     * In memory, for one process: keys are kept for {@code window} (providers retry within hours) and at most
     * {@code maxKeys} of them, oldest dropped first.
     */
    static SeenEvents inMemory(Duration window, int maxKeys, Clock clock) {
        return new InMemory(window, maxKeys, clock);
    }

    static SeenEvents inMemory() {
        return inMemory(Duration.ofDays(3), 1_000_000, Clock.systemUTC());
    }

    /** The in-memory implementation; every operation holds the instance's lock, so claim is atomic. */
    final class InMemory implements SeenEvents {
        private final Duration window;
        private final int maxKeys;
        private final Clock clock;
        private final LinkedHashMap<String, Instant> keys = new LinkedHashMap<>();
        private final Set<String> claimed = new HashSet<>();

        InMemory(Duration window, int maxKeys, Clock clock) {
            this.window = Objects.requireNonNull(window, "window");
            this.maxKeys = maxKeys;
            this.clock = Objects.requireNonNull(clock, "clock");
            if (maxKeys < 1) {
                throw new IllegalArgumentException("maxKeys must be at least 1");
            }
        }

        @Override
        public synchronized boolean contains(String key) {
            expire();
            return keys.containsKey(key);
        }

        @Override
        public synchronized boolean claim(String key) {
            expire();
            return !keys.containsKey(key) && claimed.add(key);
        }

        @Override
        public synchronized void release(Collection<String> released) {
            claimed.removeAll(released);
        }

        @Override
        public synchronized void addAll(Collection<String> added) {
            Instant now = clock.instant();
            for (String key : added) {
                keys.remove(key);
                keys.put(key, now);
                claimed.remove(key);
            }
            while (keys.size() > maxKeys) {
                Iterator<String> oldest = keys.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
        }

        private void expire() {
            Instant limit = clock.instant().minus(window);
            Iterator<Map.Entry<String, Instant>> it = keys.entrySet().iterator();
            while (it.hasNext() && it.next().getValue().isBefore(limit)) {
                it.remove();
            }
        }
    }
}
