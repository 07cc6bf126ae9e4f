package dev.mailgate.micrometer;

import dev.mailgate.suppression.callback.PublisherListener;

/** The callback publisher's listener (needs mailgate-suppression); docs/metrics.md lists the meters. */
public final class CallbackPublisherMetrics {
    private CallbackPublisherMetrics() {
    }

    /**
     * For {@code CallbackPublisher.Builder.listener}: the {@code mailgate.callback.publish} observation per POST,
     * attempts by outcome and status, items delivered and refused, and the outbox's depth and age per destination.
     */
    public static PublisherListener.Factory listener(MailgateMetrics metrics) {
        return metrics.part(PublisherMetrics.class, () -> new PublisherMetrics(metrics.meterRegistry(), metrics.observationRegistry()));
    }
}
