package dev.mailgate.core.webhook;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The verified requests a signature authenticator remembers so that a replay inside its window is refused: each key
 * (Mailgun's token, Svix's message id and timestamp) until its expiry, at most {@code capacity} of them, the oldest
 * forgotten first. A replay of a forgotten request still has to pass the timestamp check, so the capacity bounds memory
 * without opening the window. Thread-safe.
 */
public final class ReplayCache {
    private final int capacity;
    private final LinkedHashMap<String, Instant> expiries = new LinkedHashMap<>();

    public ReplayCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a replay cache needs room for at least one request, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Records a verified request; false when it was already there (a replay). Entries whose expiry is before
     * {@code now} are dropped first.
     */
    public synchronized boolean firstSight(String key, Instant expiry, Instant now) {
        for (Iterator<Map.Entry<String, Instant>> it = expiries.entrySet().iterator(); it.hasNext();) {
            if (it.next().getValue().isBefore(now)) {
                it.remove();
            }
        }
        if (expiries.containsKey(key)) {
            return false;
        }
        expiries.put(key, expiry);
        if (expiries.size() > capacity) {
            Iterator<String> oldest = expiries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
