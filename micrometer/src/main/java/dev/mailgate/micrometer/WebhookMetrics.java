package dev.mailgate.micrometer;

import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.webhook.WebhookHandlerListener;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.core.webhook.WebhookResponse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * A webhook handler's requests as the {@code mailgate.webhook.request} observation and the
 * {@code mailgate.webhook.requests} / {@code mailgate.webhook.duplicates} counters, and the events it handed over
 * through {@link EventMeters}. One listener per request (the observation is its state).
 */
final class WebhookMetrics implements WebhookHandlerListener.Factory {
    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final EventMeters events;

    WebhookMetrics(MeterRegistry meters, ObservationRegistry observations, EventMeters events) {
        this.meters = meters;
        this.observations = observations;
        this.events = events;
    }

    @Override
    public WebhookHandlerListener create(WebhookRequest request) {
        return new Request();
    }

    private final class Request implements WebhookHandlerListener {
        private String format = "unknown";
        private Observation observation = Observation.NOOP;

        @Override
        public void requestReceived(String format, WebhookRequest request) {
            this.format = format;
            observation = Observation.createNotStarted(Names.WEBHOOK_REQUEST, observations).contextualName("webhook " + format)
                    .lowCardinalityKeyValue(Names.FORMAT, format).start();
        }

        @Override
        public void duplicate(MailEvent event) {
            Counter.builder("mailgate.webhook.duplicates").description("webhook events not handed over again: an earlier delivery had")
                    .tag("format", format).register(meters).increment();
        }

        @Override
        public void listenerFailed(Exception error) {
            observation.error(error);
        }

        @Override
        public void statusReturned(WebhookResponse response) {
            String status = Integer.toString(response.status());
            requests(status);
            if (response.isSuccess()) {
                events.count(format, response.events());
            }
            observation.lowCardinalityKeyValue(Names.STATUS, status).stop();
        }

        @Override
        public void requestFailed(RuntimeException error) {
            requests("exception");
            observation.lowCardinalityKeyValue(Names.STATUS, "exception").error(error).stop();
        }

        private void requests(String status) {
            Counter.builder("mailgate.webhook.requests").description("webhook requests answered, by format and HTTP status")
                    .tag("format", format).tag("status", status).register(meters).increment();
        }
    }
}
