package dev.mailgate.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.smtp.callback.GenericSmtpCallbackCodec;
import dev.mailgate.suppression.callback.CallbackPublisher;
import dev.mailgate.suppression.store.InMemorySuppressionStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A callback publisher POSTing to the JDK's HttpServer, which answers what each test scripts. */
class PublisherMetricsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final TagHygiene seen = TagHygiene.on(observations);
    private final MailgateMetrics metrics = MailgateMetrics.bindTo(meters, observations);
    /** The statuses the endpoint answers, in turn; the last one repeats. */
    private volatile List<Integer> script = List.of(200);
    private final AtomicInteger served = new AtomicInteger();
    private HttpServer http;
    private URI endpoint;

    @BeforeEach
    void start() throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/callback", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                int n = served.getAndIncrement();
                exchange.sendResponseHeaders(script.get(Math.min(n, script.size() - 1)), -1);
            }
        });
        http.start();
        endpoint = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/callback");
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private CallbackPublisher publisher() {
        return CallbackPublisher.builder(endpoint, new GenericSmtpCallbackCodec(), new InMemorySuppressionStore()).destination("crm")
                .backoff(Duration.ZERO, Duration.ZERO).listener(CallbackPublisherMetrics.listener(metrics)).build();
    }

    private static List<MailEvent> bounces(String... locals) {
        return java.util.Arrays.stream(locals).<MailEvent>map(l -> new MailEvent.Bounced(
                EventDetails.builder("bounce-mail", T0).recipient(EmailAddress.parse(l + "@example.org")).occurredAt(T0).build(),
                BounceClass.HARD, BounceReason.USER_UNKNOWN, Diagnostic.NONE)).toList();
    }

    private double count(String name, String... tags) {
        return meters.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    private double gauge(String name) {
        return meters.get(name).tag("destination", "crm").gauge().value();
    }

    @Test
    void oneListenerPerMetricsInstanceSoThatTwoPublishersShareTheirDestinationsGauges() {
        assertThat(CallbackPublisherMetrics.listener(metrics)).isSameAs(CallbackPublisherMetrics.listener(metrics));
        assertThat(BouncePollerMetrics.listener(metrics)).isSameAs(BouncePollerMetrics.listener(metrics));
        assertThat(SmtpTransportMetrics.listener(metrics)).isSameAs(SmtpTransportMetrics.listener(metrics));
    }

    @Test
    void aFailingEndpointShowsAsAGrowingOutboxThatEmptiesWhenItRecovers() {
        script = List.of(503, 204);
        CallbackPublisher p = publisher();
        p.publish(bounces("a", "b", "c"));
        p.flush();
        assertThat(gauge("mailgate.callback.outbox.pending")).isEqualTo(3);
        assertThat(gauge("mailgate.callback.consecutive.failures")).isEqualTo(1);
        // the age is read at scrape time: a minute later the stuck item is a minute older, without a flush
        clock.add(System.currentTimeMillis() - clock.wallTime(), TimeUnit.MILLISECONDS);
        double before = meters.get("mailgate.callback.outbox.age").tag("destination", "crm").timeGauge().value(TimeUnit.SECONDS);
        clock.add(Duration.ofMinutes(1));
        double after = meters.get("mailgate.callback.outbox.age").tag("destination", "crm").timeGauge().value(TimeUnit.SECONDS);
        assertThat(after - before).isEqualTo(60.0);

        p.flush();
        assertThat(gauge("mailgate.callback.outbox.pending")).isZero();
        assertThat(gauge("mailgate.callback.consecutive.failures")).isZero();
        assertThat(meters.get("mailgate.callback.outbox.age").tag("destination", "crm").timeGauge().value(TimeUnit.SECONDS)).isZero();
        assertThat(count("mailgate.callback.attempts", "destination", "crm", "outcome", "failed", "status", "503")).isEqualTo(1);
        assertThat(count("mailgate.callback.attempts", "destination", "crm", "outcome", "delivered", "status", "204")).isEqualTo(1);
        assertThat(count("mailgate.callback.items", "destination", "crm", "outcome", "delivered")).isEqualTo(3);
        assertThat(seen.values(Names.CALLBACK_PUBLISH, Names.OUTCOME)).containsExactly("failed", "delivered");
        assertThat(seen.values(Names.CALLBACK_PUBLISH, Names.DESTINATION)).containsOnly("crm");
        seen.assertNoAddresses(meters);
    }

    @Test
    void refusedItemsAreCountedAndKeptAsideInTheirGauge() {
        script = List.of(422);
        CallbackPublisher p = publisher();
        p.publish(bounces("a", "b"));
        p.flush();
        // 2 refused as a batch, then each alone
        assertThat(count("mailgate.callback.attempts", "outcome", "failed", "status", "422")).isEqualTo(3);
        assertThat(count("mailgate.callback.items", "outcome", "refused")).isEqualTo(2);
        assertThat(gauge("mailgate.callback.outbox.refused")).isEqualTo(2);
        assertThat(gauge("mailgate.callback.outbox.pending")).isZero();
        assertThat(seen.values(Names.CALLBACK_PUBLISH, Names.STATUS)).containsExactly("422", "422", "422");
    }

    @Test
    void theHygieneCheckCatchesAnAddressInATag() {
        Counter.builder("leaky").tag("recipient", "someone@example.org").register(meters).increment();
        assertThatThrownBy(() -> seen.assertNoAddresses(meters)).isInstanceOf(AssertionError.class).hasMessageContaining("someone@example.org");
    }
}
