package dev.mailgate.micrometer;

import dev.mailgate.core.suppression.SuppressionChange;
import dev.mailgate.core.suppression.SuppressionListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Changes to the suppression and unsubscribe lists, by list and by what caused them (an event type, or an operator). */
final class SuppressionMetrics implements SuppressionListener {
    private final MeterRegistry meters;

    SuppressionMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void onChange(SuppressionChange change) {
        String cause = change.cause().map(e -> EventMeters.lower(e.type().name())).orElse("operator");
        Counter.builder(change.added() ? "mailgate.suppressions.added" : "mailgate.suppressions.removed")
                .description(change.added() ? "addresses put on a list, by list and cause" : "addresses taken off a list, by list and cause")
                .tag("list", EventMeters.lower(change.list().name())).tag("cause", cause).register(meters).increment();
    }
}
