package dev.mailgate.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.event.UnsubscribeScope;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.core.webhook.BasicAuthenticator;
import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.core.webhook.WebhookResponse;
import dev.mailgate.smtp.callback.GenericSmtpCallbackCodec;
import dev.mailgate.suppression.SuppressionPolicy;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.store.InMemorySuppressionStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A webhook handler mounted on the JDK's HttpServer, driven over real HTTP; the events go on to Suppressions. */
class WebhookMetricsTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final TagHygiene seen = TagHygiene.on(observations);
    private final MailgateMetrics metrics = MailgateMetrics.bindTo(meters, observations);
    private final GenericSmtpCallbackCodec codec = new GenericSmtpCallbackCodec();
    private final Suppressions suppressions = new Suppressions(new InMemorySuppressionStore(), SuppressionPolicy.defaults());
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer http;
    private URI endpoint;

    @BeforeEach
    void mount() throws Exception {
        suppressions.addListener(metrics.suppressions());
        WebhookHandler handler = WebhookHandler.builder(codec).authenticator(BasicAuthenticator.of("hook", "secret"))
                .listener(suppressions::ingestAll).handlerListener(metrics.webhooks()).build();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/hook", exchange -> {
            try (exchange) {
                WebhookRequest request;
                try (InputStream in = exchange.getRequestBody()) {
                    request = WebhookRequest.read(exchange.getRequestMethod(), exchange.getRequestHeaders(), in, handler.maxBodyBytes());
                }
                WebhookResponse r = handler.handle(request);
                r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
                byte[] text = r.body().getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(r.status(), text.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(text);
                }
            }
        });
        http.start();
        endpoint = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/hook");
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private int post(String credentials, byte[] body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (credentials != null) {
            r.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return client.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The generic format carries the class of a bounce, not its reason: it decodes as undefined. */
    private byte[] delivery() {
        EventDetails gone = EventDetails.builder("bounce-mail", T0).recipient(EmailAddress.parse("gone@example.org")).occurredAt(T0).build();
        EventDetails full = EventDetails.builder("bounce-mail", T0).recipient(EmailAddress.parse("full@example.org")).occurredAt(T0).build();
        EventDetails bye = EventDetails.builder("one-click", T0).recipient(EmailAddress.parse("bye@example.org")).occurredAt(T0).build();
        return codec.encode(List.of(new MailEvent.Bounced(gone, BounceClass.HARD, BounceReason.USER_UNKNOWN, Diagnostic.NONE),
                new MailEvent.Bounced(full, BounceClass.SOFT, BounceReason.MAILBOX_FULL, Diagnostic.NONE),
                new MailEvent.Unsubscribed(bye, UnsubscribeScope.GLOBAL)));
    }

    private double count(String name, String... tags) {
        // the sum over every counter with these tags (and any others)
        return meters.find(name).tags(tags).counters().stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Test
    void requestsAreCountedByStatusAndEventsOnlyOnceAcrossARetriedDelivery() throws Exception {
        assertThat(post(null, delivery())).isEqualTo(401);
        assertThat(post("hook:secret", delivery())).isEqualTo(200);
        assertThat(post("hook:secret", delivery())).as("the provider retries").isEqualTo(200);
        assertThat(post("hook:secret", "{not json".getBytes(StandardCharsets.UTF_8))).isEqualTo(400);

        String f = GenericSmtpCallbackCodec.FORMAT;
        assertThat(count("mailgate.webhook.requests", "format", f, "status", "401")).isEqualTo(1);
        assertThat(count("mailgate.webhook.requests", "format", f, "status", "200")).isEqualTo(2);
        assertThat(count("mailgate.webhook.requests", "format", f, "status", "400")).isEqualTo(1);
        assertThat(count("mailgate.webhook.duplicates", "format", f)).isEqualTo(3);
        assertThat(count("mailgate.bounces", "source", f, "class", "hard", "reason", "undefined")).isEqualTo(1);
        assertThat(count("mailgate.bounces", "source", f, "class", "soft", "reason", "undefined")).isEqualTo(1);
        assertThat(count("mailgate.events", "source", f, "type", "unsubscribed")).isEqualTo(1);
        assertThat(count("mailgate.events", "source", f)).as("the retried delivery counts nothing twice").isEqualTo(3);
        assertThat(count("mailgate.suppressions.added", "list", "suppressed", "cause", "bounced")).isEqualTo(1);
        assertThat(count("mailgate.suppressions.added", "list", "unsubscribed", "cause", "unsubscribed")).isEqualTo(1);

        TestObservationRegistryAssert.assertThat(observations).hasNumberOfObservationsWithNameEqualTo(Names.WEBHOOK_REQUEST, 4)
                .forAllObservationsWithNameEqualTo(Names.WEBHOOK_REQUEST, o -> o.hasLowCardinalityKeyValue(Names.FORMAT, f));
        assertThat(seen.values(Names.WEBHOOK_REQUEST, Names.STATUS)).as("all stopped").containsExactly("401", "200", "200", "400");
        seen.assertNoAddresses(meters);
    }

    @Test
    void anOperatorsChangesAreCountedAsSuch() {
        EmailAddress a = EmailAddress.parse("someone@example.org");
        suppressions.add(a, SuppressionList.SUPPRESSED, Optional.empty(), "asked by phone");
        suppressions.remove(a, SuppressionList.SUPPRESSED, Optional.empty(), "mistake");
        assertThat(count("mailgate.suppressions.added", "list", "suppressed", "cause", "operator")).isEqualTo(1);
        assertThat(count("mailgate.suppressions.removed", "list", "suppressed", "cause", "operator")).isEqualTo(1);
    }

    @Test
    void theApplicationListenerFailingMarksTheObservationWithTheError() throws Exception {
        WebhookHandler failing = WebhookHandler.builder(codec).authenticator(BasicAuthenticator.of("hook", "secret"))
                .listener(events -> {
                    throw new IllegalStateException("queue full");
                }).handlerListener(metrics.webhooks()).build();
        WebhookRequest r = WebhookRequest.post(java.util.Map.of("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("hook:secret".getBytes(StandardCharsets.UTF_8))), delivery());
        assertThat(failing.handle(r).status()).isEqualTo(500);
        TestObservationRegistryAssert.assertThat(observations).hasSingleObservationThat().hasBeenStopped()
                .hasLowCardinalityKeyValue(Names.STATUS, "500").assertThatError().hasMessage("queue full");
        assertThat(count("mailgate.events", "source", GenericSmtpCallbackCodec.FORMAT)).as("nothing was handed over").isZero();
    }
}
