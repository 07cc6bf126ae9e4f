package dev.mailgate.micrometer;

import dev.mailgate.smtp.SmtpTransport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** An SMTP transport's daily quota as gauges, read at scrape time from {@link SmtpTransport#sentToday()}. */
final class QuotaBinder implements MeterBinder {
    private final String provider;
    private final SmtpTransport transport;
    private final long maxPerDay;

    QuotaBinder(String provider, SmtpTransport transport, long maxPerDay) {
        this.provider = provider;
        this.transport = transport;
        this.maxPerDay = maxPerDay;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("mailgate.send.quota.used", transport, SmtpTransport::sentToday).description("messages taken from today's quota")
                .tag("provider", provider).register(registry);
        if (maxPerDay > 0) {
            Gauge.builder("mailgate.send.quota.limit", () -> maxPerDay).description("the daily quota").tag("provider", provider).register(registry);
            Gauge.builder("mailgate.send.quota.left", transport, t -> Math.max(0, maxPerDay - t.sentToday()))
                    .description("what is left of today's quota").tag("provider", provider).register(registry);
        }
    }
}
