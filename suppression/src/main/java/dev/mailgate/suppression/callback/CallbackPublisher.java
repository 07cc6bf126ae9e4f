package dev.mailgate.suppression.callback;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.suppression.store.CallbackOutbox;
import dev.mailgate.suppression.store.OutboxItem;
import dev.mailgate.suppression.store.SuppressionStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * POSTs events to a callback URL in a provider's format (the generic SMTP integration's bounce/unsubscribe callback
 * first), through a durable outbox in the suppression store: {@link #publish} only writes the events to the outbox,
 * each encoded on its own, so nothing is lost when the endpoint is down or the JVM restarts; {@link #flush} (and
 * the background loop of {@link #start}) takes up to {@code maxEvents} of them, decodes and re-encodes them as one
 * payload, and POSTs it. The outbox is keyed by the destination's {@linkplain Builder#destination name} (by default
 * the format), so a new URL picks up what waits.
 *
 * <p>Two kinds of failure are kept apart:
 * <ul>
 * <li>The endpoint is unreachable or misconfigured <em>right now</em> — 401/403 (a rotated token), 404/405/410 (a
 *     deploy, a moved route), 408, 429, 5xx, timeouts, connection failures, any other status: nothing is wrong with
 *     the items. They stay pending and are retried with exponential backoff, and {@link PublisherListener#endpointFailing}
 *     is the alert (the WARNING log line too).</li>
 * <li>The endpoint refused the payload — 400, 413, 422: something in it is wrong. A batch of several items is split
 *     in halves and each half sent again, down to single items, so the endpoint tells us which items it refuses;
 *     only those are kept aside as refused ({@link PublisherListener#itemsRefused}), never deleted, until
 *     {@link #requeueRefused} (or {@code mailgate suppression outbox requeue}) puts them back.</li>
 * </ul>
 */
public final class CallbackPublisher implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CallbackPublisher.class.getName());

    /** What one flush did: delivered, still pending (to retry), refused (kept aside). */
    public record FlushResult(int delivered, int retryLater, int failed, String detail) {
    }

    private final URI endpoint;
    private final CallbackCodec codec;
    private final CallbackOutbox outbox;
    private final CallbackEndpoint http;
    private final int maxEvents;
    private final Duration maxDelay;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Clock clock;
    private final String destination;
    private final PublisherListeners listeners;
    private final String holder;
    private final Duration lease;
    private final boolean ordered;
    private ScheduledExecutorService loop;
    private Duration backoff;
    private Instant nextAttempt = Instant.MIN;
    private int consecutiveFailures;

    private CallbackPublisher(Builder b) {
        this.endpoint = b.endpoint;
        this.codec = b.codec;
        this.outbox = b.outbox;
        this.holder = b.holder != null ? b.holder : HolderName.unique();
        this.lease = b.lease;
        this.ordered = b.ordered;
        this.http = new CallbackEndpoint(b.endpoint, b.http != null ? b.http : HttpClient.newBuilder().connectTimeout(b.timeout).build(),
                b.headers, b.timeout);
        this.maxEvents = b.maxEvents;
        this.maxDelay = b.maxDelay;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.clock = b.clock;
        this.destination = b.destination != null ? b.destination : codec.format();
        this.listeners = new PublisherListeners(b.listeners);
        this.backoff = initialBackoff;
        if (!codec.canEncode()) {
            throw new IllegalArgumentException("the " + codec.format() + " format cannot encode events, so it cannot be published");
        }
    }

    public static Builder builder(URI endpoint, CallbackCodec codec, SuppressionStore store) {
        return new Builder(endpoint, codec, Objects.requireNonNull(store, "store").outbox());
    }

    /**
     * A publisher on a shared outbox ({@code SharedState.outbox()}): with several instances publishing the same
     * destination, each batch is claimed by one of them (issue 23).
     */
    public static Builder builder(URI endpoint, CallbackCodec codec, CallbackOutbox outbox) {
        return new Builder(endpoint, codec, outbox);
    }

    /** Who this publisher is in the outbox's claims. */
    public String holder() {
        return holder;
    }

    /** The name the outbox keys this publisher's items by. */
    public String destination() {
        return destination;
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
            outbox.add(destination, payloads);
        }
        return payloads.size();
    }

    /**
     * One delivery attempt of the oldest pending events (at most {@code maxEvents}), unless backing off. The
     * {@link PublisherListener}s hear each POST and, last, the outbox depth.
     */
    public synchronized FlushResult flush() {
        PublisherListener heard = listeners.create(destination);
        FlushResult result = flush(heard);
        if (!listeners.isEmpty()) {
            try {
                heard.outboxDepth(destination, outbox.depth(destination));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "reading the outbox depth of " + destination + " for the listeners failed", e);
            }
        }
        return result;
    }

    private FlushResult flush(PublisherListener heard) {
        if (clock.instant().isBefore(nextAttempt)) {
            return new FlushResult(0, outbox.count(destination, false), 0, "backing off until " + nextAttempt);
        }
        // Claimed, not read: another instance publishing the same destination does not get these items until this
        // claim ends (delivered, failed, or its lease runs out because this JVM died: then they are sent again).
        List<OutboxItem> items = outbox.claim(destination, holder, maxEvents, lease, ordered);
        if (items.isEmpty()) {
            return new FlushResult(0, 0, 0, "nothing pending");
        }
        int delivered = 0;
        int refused = 0;
        String detail = "";
        Deque<List<OutboxItem>> work = new ArrayDeque<>();
        work.push(items);
        while (!work.isEmpty()) {
            List<OutboxItem> part = work.pop();
            Optional<byte[]> body = body(part, heard);
            if (body.isEmpty()) {
                refused += part.size();
                continue;
            }
            heard.attemptStarted(destination, part.size(), part.get(0).attempts() + 1);
            CallbackEndpoint.Answer answer = http.post(body.get());
            if (answer == null) {
                heard.attemptFailed(destination, part.size(), -1, "interrupted");
                return new FlushResult(delivered, items.size() - delivered - refused, refused, "interrupted");
            }
            detail = answer.detail();
            if (!answer.delivered()) {
                heard.attemptFailed(destination, part.size(), answer.status(), answer.detail());
            }
            if (answer.delivered()) {
                int deleted = outbox.delivered(holder, ids(part));
                if (deleted < part.size()) {
                    LOG.log(System.Logger.Level.WARNING, "callback " + destination + ": the lease ran out during the POST; "
                            + (part.size() - deleted) + " delivered items were taken over and will be sent again (at-least-once)");
                }
                delivered += part.size();
                heard.delivered(destination, part.size(), answer.status());
                recovered(heard);
            } else if (answer.refusal() && part.size() > 1) {
                // which items does it refuse? halves until it says
                work.push(part.subList(part.size() / 2, part.size()));
                work.push(part.subList(0, part.size() / 2));
            } else if (answer.refusal()) {
                outbox.refused(ids(part), answer.detail());
                refused++;
                LOG.log(System.Logger.Level.ERROR, "callback " + destination + " (" + endpoint + ") refused an event (" + answer.detail()
                        + "); kept aside, requeue it when fixed");
                heard.itemsRefused(destination, 1, answer.detail());
            } else {
                List<OutboxItem> waiting = new ArrayList<>(part);
                work.forEach(waiting::addAll);
                outbox.retryLater(ids(waiting), answer.detail());
                failing(answer.detail(), heard);
                return new FlushResult(delivered, waiting.size(), refused, answer.detail());
            }
        }
        return new FlushResult(delivered, 0, refused, detail);
    }

    /** The part's events as one payload; an item that cannot be re-encoded is refused at once. */
    private Optional<byte[]> body(List<OutboxItem> part, PublisherListener heard) {
        try {
            List<MailEvent> events = new ArrayList<>();
            for (OutboxItem item : part) {
                events.addAll(codec.decode(item.payload(), clock.instant()));
            }
            return Optional.of(codec.encode(events));
        } catch (CallbackFormatException | IllegalArgumentException e) {
            outbox.refused(ids(part), "cannot re-encode: " + e.getMessage());
            heard.itemsRefused(destination, part.size(), "cannot re-encode: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void failing(String detail, PublisherListener heard) {
        consecutiveFailures++;
        nextAttempt = clock.instant().plus(backoff);
        backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        LOG.log(System.Logger.Level.WARNING, "callback " + destination + " (" + endpoint + ") not delivered (" + detail + "), "
                + consecutiveFailures + " attempts in a row; the events wait, retrying after " + nextAttempt);
        heard.endpointFailing(destination, detail, consecutiveFailures, nextAttempt);
    }

    private void recovered(PublisherListener heard) {
        if (consecutiveFailures > 0) {
            heard.endpointRecovered(destination, consecutiveFailures);
        }
        consecutiveFailures = 0;
        backoff = initialBackoff;
        nextAttempt = Instant.MIN;
    }

    private static List<Long> ids(List<OutboxItem> items) {
        return items.stream().map(OutboxItem::id).toList();
    }

    /** Puts the items the endpoint refused back in line (after the cause was fixed); returns how many. */
    public int requeueRefused() {
        return outbox.requeue(destination);
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
        return outbox.count(destination, false);
    }

    /** How many items the endpoint refused (kept aside until {@link #requeueRefused}). */
    public int failed() {
        return outbox.count(destination, true);
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
        private final CallbackOutbox outbox;
        private HttpClient http;
        private String holder;
        private Duration lease = Duration.ofSeconds(60);
        private boolean ordered = true;
        private final Map<String, String> headers = new java.util.LinkedHashMap<>();
        private int maxEvents = 100;
        private Duration maxDelay = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofSeconds(10);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();
        private String destination;
        private final List<PublisherListener.Factory> listeners = new ArrayList<>();

        private Builder(URI endpoint, CallbackCodec codec, CallbackOutbox outbox) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.codec = Objects.requireNonNull(codec, "codec");
            this.outbox = Objects.requireNonNull(outbox, "outbox");
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

        /**
         * The name the outbox keys the items by (default: the format's name, {@code generic-smtp-callback}). Give
         * each destination of the same format its own; keep it when the URL changes, so nothing waiting is orphaned.
         */
        public Builder destination(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > 200) {
                throw new IllegalArgumentException("a destination name is 1 to 200 characters, was \"" + name + "\"");
            }
            this.destination = name;
            return this;
        }

        /**
         * Adds a listener of the attempts, the endpoint failing and recovering, refused items (the alert) and the
         * outbox depth; one instance for every flush. May be called again to add more: they are told in the order
         * they were added, and one that throws is skipped.
         */
        public Builder listener(PublisherListener listener) {
            Objects.requireNonNull(listener, "listener");
            return listener(destination -> listener);
        }

        /** Adds a factory that makes a listener per flush, for listeners that keep state (the attempt being timed). */
        public Builder listener(PublisherListener.Factory factory) {
            listeners.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * How long a claimed batch stays this publisher's (default 60 s). Longer than a batch's POSTs take (the
         * timeout, times the splits of a refused batch); it bounds how soon another instance sends what a dead one
         * had claimed.
         */
        public Builder lease(Duration d) {
            Objects.requireNonNull(d, "lease");
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("the lease must be at least a second, was " + d);
            }
            this.lease = d;
            return this;
        }

        /**
         * Whether the destination receives its events in order (default true): one publisher at a time delivers the
         * oldest items. False lets several instances deliver disjoint batches at once, for a receiver that does not
         * need the order (each event carries its own time).
         */
        public Builder ordered(boolean inOrder) {
            this.ordered = inOrder;
            return this;
        }

        /** Who this publisher is in the claims (default host:pid:random); unique per running publisher. */
        public Builder holder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > 200) {
                throw new IllegalArgumentException("a holder name is 1 to 200 characters, was \"" + name + "\"");
            }
            this.holder = name;
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
            if (lease.compareTo(timeout) <= 0) {
                // a POST still running when its claim ends is repeated by another instance
                throw new IllegalArgumentException("the lease (" + lease + ") must be longer than the POST timeout (" + timeout
                        + "), or a slow POST outlives its claim and another instance sends the same events again");
            }
            return new CallbackPublisher(this);
        }
    }
}
