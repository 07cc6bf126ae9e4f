package dev.mailgate.micrometer;

import dev.mailgate.bounce.mailbox.PollerListener;

/** The bounce-mailbox poller's listener (needs mailgate-bounce-mailbox); docs/metrics.md lists the meters. */
public final class BouncePollerMetrics {
    private BouncePollerMetrics() {
    }

    /**
     * For {@code BounceMailboxPoller.addListener}: the {@code mailgate.bounce.poll} observation per pass, passes and
     * messages by verdict, the handled bounces' events, and the time since the last pass per folder.
     */
    public static PollerListener.Factory listener(MailgateMetrics metrics) {
        return metrics.part(PollerMetrics.class, () -> new PollerMetrics(metrics.meterRegistry(), metrics.observationRegistry(), metrics.events()));
    }
}
