package dev.mailgate.examples;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.micrometer.MailgateMetrics;
import dev.mailgate.micrometer.SmtpTransportMetrics;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.io.PrintStream;

/**
 * Micrometer: an SMTP transport whose sends are counted, timed and observed (docs/metrics.md lists every meter).
 * The simple registry stands in for yours (Prometheus, OTLP, ...); an observation registry with a tracing bridge
 * makes each send a span.
 */
public final class MetricsExample {
    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    public static MeterRegistry run(PrintStream out) throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).build().start()) {
            MeterRegistry meterRegistry = new SimpleMeterRegistry();
            ObservationRegistry observationRegistry = ObservationRegistry.create();
            // snippet:metrics
            MailgateMetrics metrics = MailgateMetrics.bindTo(meterRegistry, observationRegistry);
            SmtpConfig config = SmtpConfig.builder("localhost").port(server.port()).maxPerDay(500)
                    .sslContext(TestCertificates.trustingClient())      // only for the embedded test server
                    .build();
            try (SmtpTransport transport = SmtpTransport.builder(config).provider("newsletter")
                    .listener(SmtpTransportMetrics.listener(metrics)).build()) {
                SmtpTransportMetrics.quota("newsletter", transport, config).bindTo(meterRegistry);
                transport.send(EmailMessage.builder().from("news@example.com").to("jane@example.org")
                        .subject("Hello").text("Hello Jane\n").build());
            }
            // end:metrics
            for (Meter m : meterRegistry.getMeters()) {
                out.println(m.getId().getName() + " " + m.getId().getTags() + " " + m.measure());
            }
            return meterRegistry;
        }
    }
}
