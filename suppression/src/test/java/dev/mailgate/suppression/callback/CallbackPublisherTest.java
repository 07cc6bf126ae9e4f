package dev.mailgate.suppression.callback;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.event.UnsubscribeScope;
import dev.mailgate.smtp.callback.GenericSmtpCallbackCodec;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import dev.mailgate.suppression.store.SuppressionStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publisher against WireMock: the generic SMTP callback JSON over real HTTP, with an H2 outbox. */
class CallbackPublisherTest {
    private static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
    @TempDir
    Path dir;
    private WireMockServer wiremock;
    private SuppressionStore store;
    private String baseUrl;

    @BeforeEach
    void start() {
        wiremock = new WireMockServer(options().dynamicPort());
        wiremock.start();
        baseUrl = wiremock.baseUrl();
        store = JdbcSuppressionStore.open("jdbc:h2:file:" + dir.resolve("outbox"));
    }

    @AfterEach
    void stop() {
        wiremock.stop();
        store.close();
    }

    private CallbackPublisher.Builder publisher() {
        return CallbackPublisher.builder(URI.create(baseUrl + "/callback"), new GenericSmtpCallbackCodec(), store)
                .header("Authorization", "Bearer t0ken").backoff(Duration.ZERO, Duration.ZERO).timeout(Duration.ofMillis(2_000)); // the slow response below takes 3 s
    }

    private static List<MailEvent> events() {
        EventDetails a = EventDetails.builder("bounce-mail", T0).recipient(EmailAddress.parse("gone@example.org")).occurredAt(T0).build();
        EventDetails b = EventDetails.builder("bounce-mail", T0).recipient(EmailAddress.parse("full@example.org")).occurredAt(T0).build();
        EventDetails c = EventDetails.builder("one-click", T0).recipient(EmailAddress.parse("bye@example.org")).occurredAt(T0).build();
        EventDetails d = EventDetails.builder("webhook", T0).recipient(EmailAddress.parse("reader@example.org")).build();
        return List.of(new MailEvent.Bounced(a, BounceClass.HARD, BounceReason.USER_UNKNOWN, Diagnostic.NONE),
                new MailEvent.Bounced(b, BounceClass.SOFT, BounceReason.MAILBOX_FULL, Diagnostic.NONE),
                new MailEvent.Unsubscribed(c, UnsubscribeScope.GLOBAL), new MailEvent.Opened(d));
    }

    @Test
    void deliversOneBatchInTheSeedsFormat() throws Exception {
        wiremock.stubFor(post(urlEqualTo("/callback")).willReturn(aResponse().withStatus(200)));
        CallbackPublisher p = publisher().build();
        assertThat(p.publish(events())).as("an open has no form in this format").isEqualTo(3);

        assertThat(p.flush().delivered()).isEqualTo(3);
        assertThat(p.pending()).isZero();
        wiremock.verify(1, postRequestedFor(urlEqualTo("/callback")).withHeader("Authorization", equalTo("Bearer t0ken")));
        JsonNode body = new ObjectMapper().readTree(wiremock.getAllServeEvents().get(0).getRequest().getBodyAsString());
        assertThat(body.findValuesAsText("event")).containsExactly("hardbounce", "softbounce", "unsubscribe");
        assertThat(body.toString()).contains("gone@example.org").contains("\"ts\":" + T0.getEpochSecond());
    }

    @Test
    void serverErrorsAndThrottlingAreRetriedUntilDelivered() {
        wiremock.stubFor(post(urlEqualTo("/callback")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
        wiremock.stubFor(post(urlEqualTo("/callback")).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429)).willSetStateTo("ok"));
        wiremock.stubFor(post(urlEqualTo("/callback")).inScenario("flaky").whenScenarioStateIs("ok").willReturn(aResponse().withStatus(204)));
        CallbackPublisher p = publisher().build();
        p.publish(events());
        assertThat(p.flush().retryLater()).isEqualTo(3);
        assertThat(p.flush().retryLater()).isEqualTo(3);
        assertThat(p.flush().delivered()).isEqualTo(3);
        assertThat(p.pending()).isZero();
    }

    @Test
    void slowAndMalformedResponsesAreRetried() {
        wiremock.stubFor(post(urlEqualTo("/callback")).inScenario("bad").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)).willSetStateTo("garbled"));
        wiremock.stubFor(post(urlEqualTo("/callback")).inScenario("bad").whenScenarioStateIs("garbled")
                .willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)).willSetStateTo("fine"));
        wiremock.stubFor(post(urlEqualTo("/callback")).inScenario("bad").whenScenarioStateIs("fine").willReturn(aResponse().withStatus(200)));
        CallbackPublisher p = publisher().build();
        p.publish(events());
        assertThat(p.flush().detail()).contains("timed out");
        assertThat(p.flush().retryLater()).isEqualTo(3);
        assertThat(p.flush().delivered()).isEqualTo(3);
    }

    @Test
    void aPayloadRefusedWholeIsSplitDownToItsItemsAndKeptAsideNotRetried() {
        wiremock.stubFor(post(urlEqualTo("/callback")).willReturn(aResponse().withStatus(400).withBody("unknown field ts")));
        CallbackPublisher p = publisher().build();
        p.publish(events());
        CallbackPublisher.FlushResult r = p.flush();
        assertThat(r.failed()).isEqualTo(3);
        assertThat(r.detail()).contains("400").contains("unknown field ts");
        assertThat(p.failed()).isEqualTo(3);
        assertThat(p.flush().detail()).isEqualTo("nothing pending");
        wiremock.verify(5, postRequestedFor(urlEqualTo("/callback"))); // 3, then 1 + 2, then 1 + 1
    }

    /** Issue 19: one bad item failed its whole batch for good. */
    @Test
    void oneRefusedItemDoesNotFailItsBatchAndCanBeRequeued() {
        wiremock.stubFor(post(urlEqualTo("/callback")).willReturn(aResponse().withStatus(200)));
        wiremock.stubFor(post(urlEqualTo("/callback")).withRequestBody(containing("full@example.org"))
                .willReturn(aResponse().withStatus(422).withBody("mailbox full is not a reason we know")));
        List<String> refused = new ArrayList<>();
        CallbackPublisher p = publisher().listener(new PublisherListener() {
            @Override
            public void itemsRefused(String destination, int items, String detail) {
                refused.add(destination + " " + items + " " + detail);
            }
        }).build();
        p.publish(events());
        CallbackPublisher.FlushResult r = p.flush();
        assertThat(r.delivered()).isEqualTo(2);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(refused).singleElement().asString().startsWith("generic-smtp-callback 1 HTTP 422");
        assertThat(p.failed()).isEqualTo(1);

        wiremock.resetAll();
        wiremock.stubFor(post(urlEqualTo("/callback")).willReturn(aResponse().withStatus(200)));
        assertThat(p.requeueRefused()).isEqualTo(1);
        assertThat(p.flush().delivered()).isEqualTo(1);
        assertThat(p.failed() + p.pending()).isZero();
    }

    /** Issue 19: a 401 after a token rotation or a 404 during a deploy parked the batch for good. */
    @Test
    void aMisconfiguredEndpointIsRetriedWithBackoffAndRaisesTheAlert() {
        wiremock.stubFor(post(urlEqualTo("/callback")).inScenario("deploy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401)).willSetStateTo("moved"));
        wiremock.stubFor(post(urlEqualTo("/callback")).inScenario("deploy").whenScenarioStateIs("moved")
                .willReturn(aResponse().withStatus(404)).willSetStateTo("forbidden"));
        wiremock.stubFor(post(urlEqualTo("/callback")).inScenario("deploy").whenScenarioStateIs("forbidden")
                .willReturn(aResponse().withStatus(403)).willSetStateTo("fixed"));
        wiremock.stubFor(post(urlEqualTo("/callback")).inScenario("deploy").whenScenarioStateIs("fixed").willReturn(aResponse().withStatus(200)));
        List<String> alerts = new ArrayList<>();
        Instant[] now = {T0};
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        PublisherListener alerting = new PublisherListener() {
            @Override
            public void endpointFailing(String destination, String detail, int consecutive, Instant nextAttempt) {
                alerts.add(consecutive + " " + detail + " until " + nextAttempt);
            }

            @Override
            public void endpointRecovered(String destination, int failedAttempts) {
                alerts.add("recovered after " + failedAttempts);
            }
        };
        // a generous timeout: this test is about statuses, and a loaded machine must not turn one into a timeout
        CallbackPublisher p = publisher().clock(clock).timeout(Duration.ofSeconds(20)).backoff(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .listener(alerting).build();
        p.publish(events());
        assertThat(p.flush().retryLater()).isEqualTo(3);
        assertThat(p.flush().detail()).as("backing off").startsWith("backing off");
        now[0] = now[0].plusSeconds(1);
        assertThat(p.flush().retryLater()).isEqualTo(3);
        now[0] = now[0].plusSeconds(2);
        assertThat(p.flush().retryLater()).isEqualTo(3);
        assertThat(p.failed()).as("nothing parked").isZero();
        now[0] = now[0].plusSeconds(3);
        assertThat(p.flush().delivered()).isEqualTo(3);
        assertThat(alerts).containsExactly("1 HTTP 401 until 2026-11-23T12:00:01Z", "2 HTTP 404 until 2026-11-23T12:00:03Z",
                "3 HTTP 403 until 2026-11-23T12:00:06Z", "recovered after 3");
    }

    /** Issue 19: the outbox was keyed by the URL, so a new URL orphaned what was waiting. */
    @Test
    void theOutboxIsKeyedByTheDestinationsNameSoANewUrlPicksUpWhatWaits() {
        wiremock.stubFor(post(urlEqualTo("/callback")).willReturn(aResponse().withStatus(503)));
        wiremock.stubFor(post(urlEqualTo("/v2/callback")).willReturn(aResponse().withStatus(200)));
        CallbackPublisher old = publisher().destination("crm").build();
        old.publish(events());
        assertThat(old.flush().retryLater()).isEqualTo(3);
        CallbackPublisher moved = CallbackPublisher.builder(URI.create(baseUrl + "/v2/callback"), new GenericSmtpCallbackCodec(), store)
                .destination("crm").build();
        assertThat(moved.pending()).isEqualTo(3);
        assertThat(moved.flush().delivered()).isEqualTo(3);
        CallbackPublisher other = publisher().destination("analytics").build();
        assertThat(other.pending()).as("another name, another outbox").isZero();
    }

    @Test
    void anEndpointThatIsDownThenUpAndARestartLoseNothing() {
        int port = wiremock.port();
        wiremock.stop();
        CallbackPublisher before = publisher().build();
        before.publish(events());
        assertThat(before.flush().detail()).contains("connection failed");
        before.close();
        store.close();

        // the JVM "restarts": a new store and publisher on the same file, the endpoint back up on the same port
        store = JdbcSuppressionStore.open("jdbc:h2:file:" + dir.resolve("outbox"));
        wiremock = new WireMockServer(options().port(port));
        wiremock.start();
        wiremock.stubFor(post(urlEqualTo("/callback")).willReturn(aResponse().withStatus(200)));
        CallbackPublisher after = publisher().build();
        assertThat(after.pending()).isEqualTo(3);
        assertThat(after.flush().delivered()).isEqualTo(3);
        assertThat(after.pending()).isZero();
    }

    @Test
    void batchesAreCappedAndTheBackgroundLoopSendsThem() throws Exception {
        wiremock.stubFor(post(urlEqualTo("/callback")).willReturn(aResponse().withStatus(200)));
        CallbackPublisher p = publisher().maxEvents(2).maxDelay(Duration.ofMillis(50)).build();
        p.publish(events());
        p.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (p.pending() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        p.close();
        assertThat(p.pending()).isZero();
        wiremock.verify(2, postRequestedFor(urlEqualTo("/callback")));
    }
}
