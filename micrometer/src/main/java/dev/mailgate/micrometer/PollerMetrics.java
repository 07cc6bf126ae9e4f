package dev.mailgate.micrometer;

import dev.mailgate.bounce.mailbox.MessageVerdict;
import dev.mailgate.bounce.mailbox.PollResult;
import dev.mailgate.bounce.mailbox.PollerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounce-mailbox poller's passes as the {@code mailgate.bounce.poll} observation and pass/message counters, the
 * events of the bounces it handled through {@link EventMeters} (source {@code bounce-mailbox}), and per folder the
 * time since the last pass that went over the folder: the "is the poller alive" signal.
 */
final class PollerMetrics implements PollerListener.Factory {
    static final String SOURCE = "bounce-mailbox";

    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final EventMeters events;
    /** Wall time of each folder's last completed pass; strongly held for the gauge. */
    private final Map<String, AtomicLong> lastPass = new ConcurrentHashMap<>();

    PollerMetrics(MeterRegistry meters, ObservationRegistry observations, EventMeters events) {
        this.meters = meters;
        this.observations = observations;
        this.events = events;
    }

    @Override
    public PollerListener create(String folder) {
        lastPass(folder);
        return new Pass();
    }

    private AtomicLong lastPass(String folder) {
        return lastPass.computeIfAbsent(folder, f -> {
            AtomicLong at = new AtomicLong(-1);
            TimeGauge.builder("mailgate.bounce.last.pass.age", at, TimeUnit.MILLISECONDS, x -> x.get() < 0 ? Double.NaN
                    : Math.max(0, meters.config().clock().wallTime() - x.get()))
                    .description("time since the poller last went over the folder (NaN before the first pass)").tag("folder", f).register(meters);
            return at;
        });
    }

    private final class Pass implements PollerListener {
        private String folder = "unknown";
        private Observation observation = Observation.NOOP;

        @Override
        public void passStarted(String folder) {
            this.folder = folder;
            observation = Observation.createNotStarted(Names.POLL, observations).contextualName("bounce poll " + folder)
                    .lowCardinalityKeyValue(Names.FOLDER, folder).start();
        }

        @Override
        public void messageRead(int position, MessageVerdict verdict) {
            Counter.builder("mailgate.bounce.messages").description("messages the poller read, by folder and verdict")
                    .tag("folder", folder).tag("verdict", verdict.id()).register(meters).increment();
            if (verdict instanceof MessageVerdict.Handled handled) {
                events.count(SOURCE, handled.events());
            }
        }

        @Override
        public void passEnded(PollResult result) {
            lastPass(folder).set(meters.config().clock().wallTime());
            ended("ok");
            observation.highCardinalityKeyValue("mailgate.messages", Integer.toString(result.seen())).stop();
        }

        @Override
        public void passFailed(RuntimeException error) {
            ended("failed");
            observation.error(error).stop();
        }

        private void ended(String outcome) {
            Counter.builder("mailgate.bounce.passes").description("passes over the bounce folder, by folder and outcome")
                    .tag("folder", folder).tag("outcome", outcome).register(meters).increment();
            observation.lowCardinalityKeyValue(Names.OUTCOME, outcome);
        }
    }
}
