package dev.mailgate.suppression.callback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.smtp.callback.GenericSmtpCallbackCodec;
import dev.mailgate.suppression.store.InMemorySuppressionStore;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import dev.mailgate.suppression.store.OutboxDepth;
import dev.mailgate.suppression.store.SuppressionStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order of the publisher's listener calls, against WireMock over real HTTP with an H2 outbox. */
class PublisherListenerTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    @TempDir
    Path dir;
    private WireMockServer wiremock;
    private SuppressionStore store;

    /** Writes every call down as one short line. */
    static final class Recorder implements PublisherListener {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void attemptStarted(String destination, int items, int attempt) {
            calls.add("attempt " + items + " #" + attempt);
        }

        @Override
        public void delivered(String destination, int items, int status) {
            calls.add("delivered " + items + " " + status);
        }

        @Override
        public void attemptFailed(String destination, int items, int status, String detail) {
            calls.add("failed " + items + " " + status);
        }

        @Override
        public void endpointFailing(String destination, String detail, int consecutive, Instant nextAttempt) {
            calls.add("failing " + consecutive);
        }

        @Override
        public void itemsRefused(String destination, int items, String detail) {
            calls.add("refused " + items);
        }

        @Override
        public void endpointRecovered(String destination, int failedAttempts) {
            calls.add("recovered " + failedAttempts);
        }

        @Override
        public void outboxDepth(String destination, OutboxDepth depth) {
            calls.add("depth " + depth.pending() + "/" + depth.refused() + (depth.oldestPending().isPresent() ? " aged" : ""));
        }
    }

    @BeforeEach
    void start() {
        wiremock = new WireMockServer(options().dynamicPort());
        wiremock.start();
        store = JdbcSuppressionStore.open("jdbc:h2:file:" + dir.resolve("outbox"));
    }

    @AfterEach
    void stop() {
        wiremock.stop();
        store.close();
    }

    private CallbackPublisher.Builder publisher(SuppressionStore in) {
        return CallbackPublisher.builder(URI.create(wiremock.baseUrl() + "/callback"), new GenericSmtpCallbackCodec(), in)
                .backoff(Duration.ZERO, Duration.ZERO).timeout(Duration.ofSeconds(5));
    }

    private static List<MailEvent> bounces(String... locals) {
        return java.util.Arrays.stream(locals).<MailEvent>map(l -> new MailEvent.Bounced(
                EventDetails.builder("bounce-mail", T0).recipient(EmailAddress.parse(l + "@example.org")).occurredAt(T0).build(),
                BounceClass.HARD, BounceReason.USER_UNKNOWN, Diagnostic.NONE)).toList();
    }

    @Test
    void aFailingThenRecoveringEndpointIsHeardAttemptByAttempt() {
        wiremock.stubFor(post(urlEqualTo("/callback")).inScenario("down").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        wiremock.stubFor(post(urlEqualTo("/callback")).inScenario("down").whenScenarioStateIs("up").willReturn(aResponse().withStatus(204)));
        Recorder r = new Recorder();
        CallbackPublisher p = publisher(store).listener(r).build();
        p.publish(bounces("a", "b", "c"));
        p.flush();
        assertThat(r.calls).containsExactly("attempt 3 #1", "failed 3 503", "failing 1", "depth 3/0 aged");
        r.calls.clear();
        p.flush();
        assertThat(r.calls).containsExactly("attempt 3 #2", "delivered 3 204", "recovered 1", "depth 0/0");
        r.calls.clear();
        p.flush();
        assertThat(r.calls).as("nothing pending: only the depth").containsExactly("depth 0/0");
    }

    @Test
    void aRefusedItemIsFoundByHalvesAndEachAttemptIsHeard() {
        wiremock.stubFor(post(urlEqualTo("/callback")).willReturn(aResponse().withStatus(200)));
        wiremock.stubFor(post(urlEqualTo("/callback")).withRequestBody(containing("a@example.org")).willReturn(aResponse().withStatus(422)));
        Recorder r = new Recorder();
        CallbackPublisher p = publisher(store).listener(r).build();
        p.publish(bounces("a", "b", "c"));
        p.flush();
        assertThat(r.calls).containsExactly("attempt 3 #1", "failed 3 422", "attempt 1 #1", "failed 1 422", "refused 1",
                "attempt 2 #1", "delivered 2 200", "depth 0/1");
    }

    @Test
    void aThrowingListenerChangesNothingAndTheOthersAreStillTold() {
        wiremock.stubFor(post(urlEqualTo("/callback")).willReturn(aResponse().withStatus(200)));
        PublisherListener throwing = new PublisherListener() {
            @Override
            public void attemptStarted(String destination, int items, int attempt) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void delivered(String destination, int items, int status) {
                throw new IllegalStateException("boom");
            }
        };
        Recorder after = new Recorder();
        CallbackPublisher p = publisher(store).listener(throwing).listener(destination -> {
            throw new IllegalStateException("factory boom");
        }).listener(after).build();
        p.publish(bounces("a", "b"));
        assertThat(p.flush().delivered()).isEqualTo(2);
        assertThat(p.pending()).isZero();
        assertThat(after.calls).containsExactly("attempt 2 #1", "delivered 2 200", "depth 0/0");
    }

    @Test
    void aFactoryMakesOneListenerPerFlushAndTheInMemoryOutboxKnowsTheAgeToo() {
        wiremock.stubFor(post(urlEqualTo("/callback")).willReturn(aResponse().withStatus(500)));
        List<Recorder> made = new CopyOnWriteArrayList<>();
        CallbackPublisher p = publisher(new InMemorySuppressionStore()).listener(destination -> {
            Recorder r = new Recorder();
            made.add(r);
            return r;
        }).build();
        p.publish(bounces("a"));
        p.flush();
        p.flush();
        assertThat(made).hasSize(2);
        assertThat(made.get(1).calls).containsExactly("attempt 1 #2", "failed 1 500", "failing 2", "depth 1/0 aged");
    }
}
