package dev.mailgate.suppression.callback;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.suppression.store.OutboxItem;
import dev.mailgate.suppression.store.SuppressionStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * POSTs events to a callback URL in a provider's format (the generic SMTP integration's bounce/unsubscribe callback
 * first), through a durable outbox in the suppression store: {@link #publish} only writes the events to the outbox,
 * each encoded on its own, so nothing is lost when the endpoint is down or the JVM restarts; {@link #flush} (and
 * the background loop of {@link #start}) takes up to {@code maxEvents} of them, decodes and re-encodes them as one
 * payload, and POSTs it. 2xx: delivered, removed. 5xx, 429, timeouts and connection failures: kept and retried
 * with exponential backoff. Any other 4xx: the endpoint refuses this payload, so retrying cannot help; the items
 * are logged and kept aside as failed (never deleted).
 */
public final class CallbackPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CallbackPublisher.class.getName());

    /** What one flush did. */
    public record FlushResult(int delivered, int retryLater, int failed, String detail) {
    }

    private final URI endpoint;
    private final CallbackCodec codec;
    private final SuppressionStore store;
    private final HttpClient http;
    private final Map<String, String> headers;
    private final int maxEvents;
    private final Duration maxDelay;
    private final Duration timeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Clock clock;
    private final String destination;
    private ScheduledExecutorService loop;
    private Duration backoff;
    private Instant nextAttempt = Instant.MIN;

    private CallbackPublisher(Builder b) {
        this.endpoint = b.endpoint;
        this.codec = b.codec;
        this.store = b.store;
        this.http = b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(b.timeout).build();
        this.headers = Map.copyOf(b.headers);
        this.maxEvents = b.maxEvents;
        this.maxDelay = b.maxDelay;
        this.timeout = b.timeout;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.clock = b.clock;
        this.destination = codec.format() + " " + endpoint;
        this.backoff = initialBackoff;
        if (!codec.canEncode()) {
            throw new IllegalArgumentException("the " + codec.format() + " format cannot encode events, so it cannot be published");
        }
    }

    public static Builder builder(URI endpoint, CallbackCodec codec, SuppressionStore store) {
        return new Builder(endpoint, codec, store);
    }

    /**
     * Writes events to the outbox (durable when this returns). Events the format has no way to express (an open, in
     * the generic SMTP callback) are left out and counted in the return value's complement.
     *
     * @return how many events were queued
     */
    public int publish(List<MailEvent> events) {
        List<byte[]> payloads = new ArrayList<>(events.size());
        for (MailEvent e : events) {
            try {
                payloads.add(codec.encode(List.of(e)));
            } catch (IllegalArgumentException notExpressible) {
                LOG.log(System.Logger.Level.DEBUG, () -> "not published, the " + codec.format() + " format has no way to say it: " + e.type());
            }
        }
        if (!payloads.isEmpty()) {
            store.outboxAdd(destination, payloads);
        }
        return payloads.size();
    }

    /** One delivery attempt of the oldest pending events (at most {@code maxEvents}), unless backing off. */
    public synchronized FlushResult flush() {
        if (clock.instant().isBefore(nextAttempt)) {
            return new FlushResult(0, store.outboxCount(destination, false), 0, "backing off until " + nextAttempt);
        }
        List<OutboxItem> items = store.outboxPending(destination, maxEvents);
        if (items.isEmpty()) {
            return new FlushResult(0, 0, 0, "nothing pending");
        }
        List<Long> ids = items.stream().map(OutboxItem::id).toList();
        byte[] body;
        try {
            List<MailEvent> events = new ArrayList<>();
            for (OutboxItem item : items) {
                events.addAll(codec.decode(item.payload(), clock.instant()));
            }
            body = codec.encode(events);
        } catch (CallbackFormatException | IllegalArgumentException e) {
            store.outboxAttempted(ids, true, "cannot re-encode: " + e.getMessage());
            return new FlushResult(0, 0, items.size(), e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        int status;
        String detail;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            String text = response.body() == null ? "" : response.body();
            detail = "HTTP " + status + (text.isBlank() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text.strip()));
        } catch (HttpTimeoutException e) {
            status = -1;
            detail = "timed out after " + timeout;
        } catch (IOException e) {
            status = -1;
            detail = "connection failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FlushResult(0, items.size(), 0, "interrupted");
        }
        if (status >= 200 && status < 300) {
            store.outboxDelivered(ids);
            backoff = initialBackoff;
            nextAttempt = Instant.MIN;
            return new FlushResult(items.size(), 0, 0, detail);
        }
        if (status == -1 || status >= 500 || status == 429) {
            store.outboxAttempted(ids, false, detail);
            nextAttempt = clock.instant().plus(backoff);
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            LOG.log(System.Logger.Level.WARNING, "callback " + endpoint + " not delivered (" + detail + "); retrying after " + nextAttempt);
            return new FlushResult(0, items.size(), 0, detail);
        }
        store.outboxAttempted(ids, true, detail);
        LOG.log(System.Logger.Level.ERROR, "callback " + endpoint + " refused " + items.size() + " events (" + detail + "); kept as failed");
        return new FlushResult(0, 0, items.size(), detail);
    }

    /** Flushes every {@code maxDelay} on a background thread (sooner batches need not wait: call {@link #flush}). */
    public synchronized void start() {
        if (loop != null) {
            return;
        }
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mailgate-callback-publisher");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(() -> {
            try {
                FlushResult r;
                do {
                    r = flush();
                } while (r.delivered() == maxEvents);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "callback flush failed; the events stay in the outbox", e);
            }
        }, 0, maxDelay.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int pending() {
        return store.outboxCount(destination, false);
    }

    public int failed() {
        return store.outboxCount(destination, true);
    }

    @Override
    public synchronized void close() {
        if (loop != null) {
            loop.shutdownNow();
        }
    }

    /** Endpoint, format and store are required; the rest has defaults. */
    public static final class Builder {
        private final URI endpoint;
        private final CallbackCodec codec;
        private final SuppressionStore store;
        private HttpClient http;
        private final Map<String, String> headers = new java.util.LinkedHashMap<>();
        private int maxEvents = 100;
        private Duration maxDelay = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofSeconds(10);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();

        private Builder(URI endpoint, CallbackCodec codec, SuppressionStore store) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.codec = Objects.requireNonNull(codec, "codec");
            this.store = Objects.requireNonNull(store, "store");
            if (!"https".equalsIgnoreCase(endpoint.getScheme()) && !"http".equalsIgnoreCase(endpoint.getScheme())) {
                throw new IllegalArgumentException("the callback endpoint must be http(s), was " + endpoint);
            }
        }

        /** A header on every POST, e.g. {@code Authorization}. */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** At most this many events per POST (default 100). */
        public Builder maxEvents(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxEvents must be at least 1");
            }
            this.maxEvents = n;
            return this;
        }

        /** How long events wait for a batch before the background loop sends them (default 5 s). */
        public Builder maxDelay(Duration d) {
            this.maxDelay = Objects.requireNonNull(d, "maxDelay");
            return this;
        }

        /** The timeout of one POST (default 10 s). */
        public Builder timeout(Duration d) {
            this.timeout = Objects.requireNonNull(d, "timeout");
            return this;
        }

        /** Exponential backoff after a retryable failure (default 1 s doubling to 5 min). */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = Objects.requireNonNull(initial, "initial");
            this.maxBackoff = Objects.requireNonNull(max, "max");
            return this;
        }

        public Builder httpClient(HttpClient client) {
            this.http = Objects.requireNonNull(client, "client");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public CallbackPublisher build() {
            return new CallbackPublisher(this);
        }
    }
}
