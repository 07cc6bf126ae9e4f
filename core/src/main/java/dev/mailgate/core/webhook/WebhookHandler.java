package dev.mailgate.core.webhook;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.EventKeys;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.limits.InputLimits;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A provider webhook endpoint, independent of any web framework: mount {@link #handle} on a servlet, Spring
 * controller or the JDK's {@code HttpServer}, passing the method, headers and the body — read through
 * {@code WebhookRequest.read(method, headers, in, handler.maxBodyBytes())}, which stops at the limit — and write
 * back the status and body of the {@link WebhookResponse}.
 *
 * <p>In order: only POST (405); the body size limit (413), with nothing read past it; authentication on the raw
 * request (401, with a challenge for Basic auth); decoding (400 with where the payload is wrong); de-duplication
 * of events a retried delivery already handed over, claimed atomically so that concurrent deliveries of the same
 * event reach the listener once (503 with Retry-After to the one that finds an event still being handled by the
 * other); the listener (500 when it throws, so the provider retries, and nothing is recorded as seen); 200
 * otherwise, unknown event kinds included (they are {@code Unknown} events keeping their raw JSON, not errors:
 * providers add kinds over time). Thread-safe: one handler serves concurrent requests.
 */
public final class WebhookHandler {
    private static final System.Logger LOG = System.getLogger(WebhookHandler.class.getName());

    private final CallbackCodec codec;
    private final WebhookAuthenticator authenticator;
    private final WebhookListener listener;
    private final SeenEvents seen;
    private final int maxBodyBytes;
    private final Clock clock;
    private final HandlerListeners handlerListeners;

    private WebhookHandler(Builder b) {
        this.codec = b.codec;
        this.authenticator = Objects.requireNonNull(b.authenticator,
                "authenticator: call authenticator(...) (WebhookAuthenticator.none() to accept every request, on purpose)");
        this.listener = Objects.requireNonNull(b.listener, "listener");
        this.seen = b.seen;
        this.maxBodyBytes = b.maxBodyBytes;
        this.clock = b.clock;
        this.handlerListeners = new HandlerListeners(b.handlerListeners);
    }

    public static Builder builder(CallbackCodec codec) {
        return new Builder(codec);
    }

    /** The largest body accepted, in bytes. */
    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    /** Handles one request; the {@link WebhookHandlerListener}s hear each step, in their documented order. */
    public WebhookResponse handle(WebhookRequest request) {
        WebhookHandlerListener heard = handlerListeners.create(request);
        heard.requestReceived(codec.format(), request);
        WebhookResponse response;
        try {
            response = respond(request, heard);
        } catch (RuntimeException e) {
            heard.requestFailed(e);
            throw e;
        }
        heard.statusReturned(response);
        return response;
    }

    private WebhookResponse respond(WebhookRequest request, WebhookHandlerListener heard) {
        if (!request.isPost()) {
            return new WebhookResponse(405, List.of(), 0, "method " + request.method() + " not allowed; webhooks are POSTed",
                    Map.of("Allow", "POST"));
        }
        if (request.bodyTruncated() || request.body().length > maxBodyBytes) {
            return WebhookResponse.error(413, request.bodyTruncated()
                    ? InputLimits.exceeded("body length", maxBodyBytes + 1L, maxBodyBytes, "maxPayloadBytes") + "; not read past it"
                    : InputLimits.exceeded("body length", request.body().length, maxBodyBytes, "maxPayloadBytes"));
        }
        Optional<String> rejected = authenticator.reject(request);
        if (rejected.isPresent()) {
            LOG.log(System.Logger.Level.WARNING, "webhook request refused: " + rejected.get());
            heard.authenticationRefused(rejected.get());
            Map<String, String> headers = authenticator instanceof BasicAuthenticator basic
                    ? Map.of("WWW-Authenticate", basic.challenge()) : Map.of();
            return new WebhookResponse(401, List.of(), 0, "authentication failed", headers);
        }
        List<MailEvent> decoded;
        try {
            decoded = codec.decode(request.body(), clock.instant());
        } catch (CallbackFormatException e) {
            return WebhookResponse.error(400, e.getMessage());
        }
        heard.eventsDecoded(Collections.unmodifiableList(decoded));
        List<MailEvent> fresh = new ArrayList<>(decoded.size());
        List<String> claimed = new ArrayList<>(decoded.size());
        Set<String> inRequest = new HashSet<>();
        int duplicates = 0;
        int inFlight = 0;
        boolean recorded = false;
        try {
            for (MailEvent event : decoded) {
                String key = EventKeys.of(event);
                if (!inRequest.add(key)) {
                    duplicates++;
                    heard.duplicate(event);
                } else if (seen.claim(key)) {
                    // Check and claim are one atomic step: a concurrent delivery of the same event cannot also get here.
                    claimed.add(key);
                    fresh.add(event);
                } else if (seen.contains(key)) {
                    duplicates++;
                    heard.duplicate(event);
                } else {
                    inFlight++;
                }
            }
            if (inFlight > 0) {
                // Another request is handing these events over right now. Answering 200 would lose them if its
                // listener then fails. 503 with Retry-After (RFC 9110 sections 15.6.4, 10.2.3) rather than a 4xx:
                // providers retry 5xx, and some take a 4xx as final.
                return new WebhookResponse(503, List.of(), 0, inFlight
                        + " event(s) of this delivery are being handled by a concurrent request; deliver again later",
                        Map.of("Retry-After", "5"));
            }
            if (!fresh.isEmpty()) {
                try {
                    listener.onEvents(List.copyOf(fresh));
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.ERROR, "webhook listener failed; answering 500 so that the provider retries", e);
                    heard.listenerFailed(e);
                    return WebhookResponse.error(500, "the application could not handle the events: " + e.getClass().getSimpleName());
                }
                seen.addAll(claimed);
                recorded = true;
            }
        } finally {
            if (!recorded && !claimed.isEmpty()) {
                seen.release(claimed);
            }
        }
        return new WebhookResponse(200, fresh, duplicates, "", Map.of());
    }

    /** Collects the parts; codec, authenticator and listener are required. */
    public static final class Builder {
        private final CallbackCodec codec;
        private WebhookAuthenticator authenticator;
        private WebhookListener listener;
        private SeenEvents seen = SeenEvents.inMemory();
        private int maxBodyBytes = InputLimits.defaults().maxPayloadBytes();
        private Clock clock = Clock.systemUTC();
        private final List<WebhookHandlerListener.Factory> handlerListeners = new ArrayList<>();

        private Builder(CallbackCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
        }

        public Builder authenticator(WebhookAuthenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        public Builder listener(WebhookListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /** Where handled event keys are kept; in memory for three days by default. */
        public Builder seenEvents(SeenEvents seen) {
            this.seen = Objects.requireNonNull(seen, "seen");
            return this;
        }

        /**
         * The limits requests are read with: a body longer than {@link InputLimits#maxPayloadBytes()} (default
         * 10 MiB, the bound the JSON codecs apply too) gets 413 without being read further.
         */
        public Builder limits(InputLimits limits) {
            this.maxBodyBytes = limits.maxPayloadBytes();
            return this;
        }

        /** Shorthand for {@code limits(InputLimits.builder().maxPayloadBytes(bytes).build())}. */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * Adds a listener of the handling's steps (metrics, tracing), one instance for every request. May be called
         * again to add more; they are told in the order they were added, and one that throws is skipped.
         */
        public Builder handlerListener(WebhookHandlerListener listener) {
            Objects.requireNonNull(listener, "listener");
            return handlerListener(request -> listener);
        }

        /** Adds a factory that makes a listener per request, for listeners that keep state (a timer, a span). */
        public Builder handlerListener(WebhookHandlerListener.Factory factory) {
            handlerListeners.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /** The clock that stamps received-at on events. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public WebhookHandler build() {
            return new WebhookHandler(this);
        }
    }
}
