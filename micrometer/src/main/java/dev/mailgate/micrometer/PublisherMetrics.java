package dev.mailgate.micrometer;

import dev.mailgate.suppression.callback.PublisherListener;
import dev.mailgate.suppression.store.OutboxDepth;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A callback publisher's POSTs as the {@code mailgate.callback.publish} observation and attempt/item counters, and
 * its outbox as gauges per destination (pending, refused, the age of the oldest pending item, failures in a row).
 * One listener per flush holds the attempt being observed; the gauges' state is per destination and outlives flushes.
 */
final class PublisherMetrics implements PublisherListener.Factory {
    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    /** Strongly held: the registry keeps gauges' state objects only weakly. */
    private final Map<String, Outbox> outboxes = new ConcurrentHashMap<>();

    PublisherMetrics(MeterRegistry meters, ObservationRegistry observations) {
        this.meters = meters;
        this.observations = observations;
    }

    @Override
    public PublisherListener create(String destination) {
        outbox(destination);
        return new Flush();
    }

    /** The last depth a flush reported; the age is read at scrape time, so a stuck publisher's age keeps growing. */
    private static final class Outbox {
        volatile int pending;
        volatile int refused;
        volatile Instant oldestPending;
        volatile int consecutiveFailures;
    }

    private Outbox outbox(String destination) {
        return outboxes.computeIfAbsent(destination, d -> {
            Outbox o = new Outbox();
            Gauge.builder("mailgate.callback.outbox.pending", o, x -> x.pending).description("items waiting to be published")
                    .tag("destination", d).register(meters);
            Gauge.builder("mailgate.callback.outbox.refused", o, x -> x.refused)
                    .description("items the endpoint refused, kept aside until requeued").tag("destination", d).register(meters);
            TimeGauge.builder("mailgate.callback.outbox.age", o, TimeUnit.MILLISECONDS, x -> {
                Instant oldest = x.oldestPending;
                return oldest == null ? 0 : Math.max(0, meters.config().clock().wallTime() - oldest.toEpochMilli());
            }).description("how long the oldest pending item has waited").tag("destination", d).register(meters);
            Gauge.builder("mailgate.callback.consecutive.failures", o, x -> x.consecutiveFailures)
                    .description("attempts in a row the endpoint could not take (0 when it takes them)").tag("destination", d).register(meters);
            return o;
        });
    }

    private final class Flush implements PublisherListener {
        private Observation attempt = Observation.NOOP;

        @Override
        public void attemptStarted(String destination, int items, int attemptNumber) {
            attempt = Observation.createNotStarted(Names.CALLBACK_PUBLISH, observations).contextualName("callback " + destination)
                    .lowCardinalityKeyValue(Names.DESTINATION, destination).highCardinalityKeyValue("mailgate.items", Integer.toString(items))
                    .start();
        }

        @Override
        public void delivered(String destination, int items, int status) {
            ended(destination, "delivered", status);
            items(destination, "delivered", items);
            outbox(destination).consecutiveFailures = 0;
        }

        @Override
        public void attemptFailed(String destination, int items, int status, String detail) {
            ended(destination, "failed", status);
        }

        @Override
        public void itemsRefused(String destination, int items, String detail) {
            items(destination, "refused", items);
        }

        @Override
        public void endpointFailing(String destination, String detail, int consecutive, Instant nextAttempt) {
            outbox(destination).consecutiveFailures = consecutive;
        }

        @Override
        public void outboxDepth(String destination, OutboxDepth depth) {
            Outbox o = outbox(destination);
            o.pending = depth.pending();
            o.refused = depth.refused();
            o.oldestPending = depth.oldestPending().orElse(null);
        }

        private void ended(String destination, String outcome, int status) {
            String code = status < 0 ? "none" : Integer.toString(status);
            Counter.builder("mailgate.callback.attempts").description("callback POSTs, by destination, outcome and HTTP status")
                    .tag("destination", destination).tag("outcome", outcome).tag("status", code).register(meters).increment();
            attempt.lowCardinalityKeyValue(Names.OUTCOME, outcome).lowCardinalityKeyValue(Names.STATUS, code).stop();
            attempt = Observation.NOOP;
        }

        private void items(String destination, String outcome, int n) {
            Counter.builder("mailgate.callback.items").description("outbox items delivered or refused, by destination")
                    .tag("destination", destination).tag("outcome", outcome).register(meters).increment(n);
        }
    }
}
