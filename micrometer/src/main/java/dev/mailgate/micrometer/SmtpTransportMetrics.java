package dev.mailgate.micrometer;

import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpTransport;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;

/** The SMTP transport's listener and quota gauges (needs mailgate-provider-smtp); docs/metrics.md lists the meters. */
public final class SmtpTransportMetrics {
    private SmtpTransportMetrics() {
    }

    /**
     * For {@code SmtpTransport.Builder.listener}: the {@code mailgate.send} observation per message and meters for
     * messages by outcome and reply class, rejected recipients, retries, send latency, connections and the pool,
     * tagged with the transport's {@code provider}. One listener serves every transport.
     */
    public static SmtpEventListener listener(MailgateMetrics metrics) {
        return metrics.part(SmtpMetrics.class, () -> new SmtpMetrics(metrics.meterRegistry(), metrics.observationRegistry()));
    }

    /**
     * The transport's daily quota as gauges (used; limit and left when {@code config} sets one), read at scrape
     * time. Bind it to a registry; Spring Boot binds {@code MeterBinder} beans itself.
     *
     * @param provider the tag, the same name the transport was built with
     */
    public static MeterBinder quota(String provider, SmtpTransport transport, SmtpConfig config) {
        return new QuotaBinder(Objects.requireNonNull(provider, "provider"), Objects.requireNonNull(transport, "transport"), config.maxPerDay());
    }
}
