package dev.mailgate.micrometer;

import dev.mailgate.core.suppression.SuppressionListener;
import dev.mailgate.core.webhook.WebhookHandlerListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * The one entry point: meters go to a {@link MeterRegistry}, observations (timings, and spans through the
 * OpenTelemetry or Brave bridge) to an {@link ObservationRegistry}; each method returns the listener that the
 * component of that name takes.
 *
 * <pre>{@code
 * MailgateMetrics metrics = MailgateMetrics.bindTo(meterRegistry, observationRegistry);
 * WebhookHandler.builder(codec).handlerListener(metrics.webhooks())...;
 * CallbackPublisher.builder(url, codec, store).listener(metrics.callbackPublisher())...;
 * poller.addListener(metrics.bouncePoller());
 * suppressions.addListener(metrics.suppressions());
 * }</pre>
 *
 * <p>Ask once and reuse: meters are registered on first use and shared by every component of a kind (the tags tell
 * them apart: a webhook's format, a callback's destination). Tags are low-cardinality only, never an address, a
 * Message-ID or a URL. A part needs its Mailgate module on the class path only when its method is called
 * ({@link #callbackPublisher()} needs mailgate-suppression, {@link #bouncePoller()} mailgate-bounce-mailbox, {@link #smtp()} and {@link #smtpQuota} mailgate-provider-smtp). Thread-safe.
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
    /** Made on first use, so that mailgate-suppression is loaded only by an application that has it. */
    private volatile Object publisher;
    /** Likewise, for mailgate-bounce-mailbox. */
    private volatile Object poller;
    /** Likewise, for mailgate-provider-smtp. */
    private volatile Object smtp;
    private final SuppressionMetrics suppressions;

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

    /**
     * For {@code CallbackPublisher.Builder.listener}: POSTs by outcome, items delivered and refused, the outbox's
     * depth and age per destination. Needs mailgate-suppression.
     */
    public dev.mailgate.suppression.callback.PublisherListener.Factory callbackPublisher() {
        Object p = publisher;
        if (p == null) {
            synchronized (this) {
                if (publisher == null) {
                    publisher = new PublisherMetrics(meters, observations);
                }
                p = publisher;
            }
        }
        return (dev.mailgate.suppression.callback.PublisherListener.Factory) p;
    }

    /**
     * For {@code BounceMailboxPoller.addListener}: passes and messages by verdict, the handled bounces' events, the
     * time since the last pass per folder. Needs mailgate-bounce-mailbox.
     */
    public dev.mailgate.bounce.mailbox.PollerListener.Factory bouncePoller() {
        Object p = poller;
        if (p == null) {
            synchronized (this) {
                if (poller == null) {
                    poller = new PollerMetrics(meters, observations, events);
                }
                p = poller;
            }
        }
        return (dev.mailgate.bounce.mailbox.PollerListener.Factory) p;
    }

    /**
     * For {@code SmtpTransport.Builder.listener}: the {@code mailgate.send} observation per message, messages by
     * outcome and reply class, rejected recipients, retries, send latency, connections and the pool's state, tagged
     * with the transport's {@code provider}. One instance serves every transport. Needs mailgate-provider-smtp.
     */
    public dev.mailgate.smtp.SmtpEventListener smtp() {
        Object s = smtp;
        if (s == null) {
            synchronized (this) {
                if (smtp == null) {
                    smtp = new SmtpMetrics(meters, observations);
                }
                s = smtp;
            }
        }
        return (dev.mailgate.smtp.SmtpEventListener) s;
    }

    /**
     * The daily quota of an SMTP transport as gauges (used; limit and left when {@code config} sets one), read at
     * scrape time. Bind it to a registry; Spring Boot binds {@code MeterBinder} beans itself.
     *
     * @param provider the tag, the same name the transport was built with
     */
    public io.micrometer.core.instrument.binder.MeterBinder smtpQuota(String provider, dev.mailgate.smtp.SmtpTransport transport,
            dev.mailgate.smtp.SmtpConfig config) {
        return new QuotaBinder(Objects.requireNonNull(provider, "provider"), Objects.requireNonNull(transport, "transport"),
                config.maxPerDay());
    }

    /**
     * A transport whose {@code sendBatch} is the {@code mailgate.batch} observation, in scope while the batch runs
     * (sends on the calling thread nest under it); single sends and {@code close} go straight through. Works for any
     * transport.
     */
    public dev.mailgate.core.transport.Transport observeBatches(dev.mailgate.core.transport.Transport transport, String provider) {
        return new BatchObservingTransport(Objects.requireNonNull(transport, "transport"), Objects.requireNonNull(provider, "provider"),
                observations);
    }

    /** For {@code Suppressions.addListener}: addresses added to and removed from each list, by cause. */
    public SuppressionListener suppressions() {
        return suppressions;
    }
}
