package dev.mailgate.core.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The keys of events already handed to the application, so that a provider's retried delivery does not count a
 * bounce twice. Keys are the provider's event id, or a hash of the event's content when the provider sends none.
 * Implementations shared by several handler instances (a database) make de-duplication hold across a cluster.
 */
public interface SeenEvents {
    boolean contains(String key);

    /** Records keys after the application has handled their events. */
    void addAll(Collection<String> keys);

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

    /** The in-memory implementation. */
    final class InMemory implements SeenEvents {
        private final Duration window;
        private final int maxKeys;
        private final Clock clock;
        private final LinkedHashMap<String, Instant> keys = new LinkedHashMap<>();

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
        public synchronized void addAll(Collection<String> added) {
            Instant now = clock.instant();
            for (String key : added) {
                keys.remove(key);
                keys.put(key, now);
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
