package dev.mailgate.micrometer;

import dev.mailgate.core.suppression.SuppressionListener;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.webhook.WebhookHandlerListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The entry point: meters go to a {@link MeterRegistry}, observations (timings, and spans through the OpenTelemetry
 * or Brave bridge) to an {@link ObservationRegistry}. This class gives the listeners of the parts in mailgate-core;
 * {@link SmtpTransportMetrics}, {@link CallbackPublisherMetrics} and {@link BouncePollerMetrics} give those of the
 * optional modules, from the same instance.
 *
 * <pre>{@code
 * MailgateMetrics metrics = MailgateMetrics.bindTo(meterRegistry, observationRegistry);
 * WebhookHandler.builder(codec).handlerListener(metrics.webhooks())...;
 * suppressions.addListener(metrics.suppressions());
 * SmtpTransport.builder(config).provider("ses").listener(SmtpTransportMetrics.listener(metrics))...;
 * CallbackPublisher.builder(url, codec, store).listener(CallbackPublisherMetrics.listener(metrics))...;
 * poller.addListener(BouncePollerMetrics.listener(metrics));
 * }</pre>
 *
 * <p>Make one per registry and hand its listeners to every component: meters are registered on first use and shared
 * by the components of a kind (the tags tell them apart: a provider, a webhook's format, a callback's destination).
 * Tags are low-cardinality only, never an address, a Message-ID or a URL. No method here names a type of an optional
 * module, so this class loads (and a framework can reflect on it) without them. Thread-safe.
 *
 * <p>The meters do not depend on the observations: with {@link ObservationRegistry#NOOP} they are all still counted.
 * When the observation registry also makes timers from observations (Micrometer's
 * {@code DefaultMeterObservationHandler}, which Spring Boot installs), those carry the observation's name, which no
 * meter of this module uses, so nothing is counted twice under one name.
 */
public final class MailgateMetrics {
    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final EventMeters events;
    private final WebhookMetrics webhooks;
    private final SuppressionMetrics suppressions;
    /** The listeners of the optional parts, made on first use and then shared (their gauges' state lives there). */
    private final Map<Class<?>, Object> parts = new ConcurrentHashMap<>();

    private MailgateMetrics(MeterRegistry meters, ObservationRegistry observations) {
        this.meters = Objects.requireNonNull(meters, "meters");
        this.observations = Objects.requireNonNull(observations, "observations");
        this.events = new EventMeters(meters);
        this.suppressions = new SuppressionMetrics(meters);
        this.webhooks = new WebhookMetrics(meters, observations, events);
    }

    /** Meters and observations. */
    public static MailgateMetrics bindTo(MeterRegistry meters, ObservationRegistry observations) {
        return new MailgateMetrics(meters, observations);
    }

    /** Meters only (no observations, so no spans). */
    public static MailgateMetrics bindTo(MeterRegistry meters) {
        return new MailgateMetrics(meters, ObservationRegistry.NOOP);
    }

    public MeterRegistry meterRegistry() {
        return meters;
    }

    public ObservationRegistry observationRegistry() {
        return observations;
    }

    /** For {@code WebhookHandler.Builder.handlerListener}: requests by status, duplicates, the events handed over. */
    public WebhookHandlerListener.Factory webhooks() {
        return webhooks;
    }

    /** For {@code Suppressions.addListener}: addresses added to and removed from each list, by cause. */
    public SuppressionListener suppressions() {
        return suppressions;
    }

    /**
     * A transport whose {@code sendBatch} is the {@code mailgate.batch} observation, in scope while the batch runs
     * (sends on the calling thread nest under it); single sends and {@code close} go straight through. Works for any
     * transport.
     *
     * @param provider the tag, the same name the transport's sends carry
     */
    public Transport observeBatches(Transport transport, String provider) {
        return new BatchObservingTransport(Objects.requireNonNull(transport, "transport"), Objects.requireNonNull(provider, "provider"),
                observations);
    }

    EventMeters events() {
        return events;
    }

    /** The one listener of a kind for this instance. */
    <T> T part(Class<T> kind, Supplier<T> make) {
        return kind.cast(parts.computeIfAbsent(kind, k -> make.get()));
    }
}
