package dev.mailgate.webhookhttp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.cloudmailin.webhook.CloudMailinWebhookCodec;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.webhook.BasicAuthenticator;
import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.core.webhook.WebhookResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every adapter must do, over real HTTP against a real server: the subclasses start Jetty with the servlet and
 * the JDK server with the handler. Each case would fail on an adapter that parsed the form, lost a header, ignored
 * the status or read the body unbounded.
 */
abstract class WebhookAdapterContract {
    static final String PATH = "/webhooks/cloudmailin";
    private static final int LIMIT = 1024;

    final List<MailEvent> received = new CopyOnWriteArrayList<>();
    final List<WebhookResponse> observed = new CopyOnWriteArrayList<>();
    final List<byte[]> rawBodies = new CopyOnWriteArrayList<>();
    private final HttpClient client = HttpClient.newHttpClient();
    private URI endpoint;

    /** Starts the server with the adapter mounted at {@link #PATH}; returns its base URI (http://127.0.0.1:port). */
    abstract URI start(WebhookHandler handler, java.util.function.Consumer<WebhookResponse> observer) throws Exception;

    abstract void stop() throws Exception;

    @BeforeEach
    void startServer() throws Exception {
        CloudMailinWebhookCodec cloudmailin = new CloudMailinWebhookCodec();
        // The codec sees the body exactly as the adapter read it (the authenticator sees the same bytes).
        CallbackCodec recording = new CallbackCodec() {
            @Override
            public String format() {
                return cloudmailin.format();
            }

            @Override
            public List<MailEvent> decode(byte[] payload, Instant receivedAt) {
                rawBodies.add(payload);
                return cloudmailin.decode(payload, receivedAt);
            }
        };
        WebhookHandler handler = WebhookHandler.builder(recording)
                .authenticator(BasicAuthenticator.of("cloudmailin", "s3cret"))
                .listener(received::addAll)
                .limits(InputLimits.builder().maxPayloadBytes(LIMIT).build())
                .build();
        endpoint = start(handler, observed::add).resolve(PATH);
    }

    @AfterEach
    void stopServer() throws Exception {
        stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bounce", "malformed"})
    void aFixtureGetsTheExpectedAnswer(String name) throws Exception {
        String[] expected = fixture(name + ".expected").split("\n", 2);
        HttpResponse<String> r = post(fixture(name + ".json").getBytes(StandardCharsets.UTF_8), "application/json", true);
        assertThat(r.statusCode()).isEqualTo(Integer.parseInt(expected[0].strip()));
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        if (expected.length > 1 && !expected[1].isBlank()) {
            assertThat(r.body()).isEqualTo(expected[1]);
        } else {
            assertThat(r.body()).isNotBlank();
        }
    }

    @Test
    void withoutCredentialsTheAnswerIs401WithTheChallengeAndNothingReachesTheListener() throws Exception {
        HttpResponse<String> r = post(fixture("bounce.json").getBytes(StandardCharsets.UTF_8), "application/json", false);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
        assertThat(received).isEmpty();
        // The observer hears a response after it is written (its documented order), so the client can have the
        // answer first: wait for it, bounded.
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        while (observed.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(observed).extracting(WebhookResponse::status).containsExactly(401);
    }

    @Test
    void aRepeatedDeliveryIsAnswered200AndNotHandedOverTwice() throws Exception {
        byte[] body = fixture("bounce.json").getBytes(StandardCharsets.UTF_8);
        assertThat(post(body, "application/json", true).body()).isEqualTo("ok: 1 events\n");
        HttpResponse<String> again = post(body, "application/json", true);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo("ok: 0 events, 1 repeated\n");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).recipient().orElseThrow().toString()).isEqualTo("user@example.net");
    }

    @Test
    void aGetIs405WithAllow() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(endpoint).GET().header("Authorization", auth()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void aBodyOverTheLimitIs413NamingTheSettingAndIsNotHandled() throws Exception {
        byte[] big = new byte[32 * LIMIT];
        java.util.Arrays.fill(big, (byte) ' ');
        HttpResponse<String> r = post(big, "application/json", true);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("maxPayloadBytes").contains(String.valueOf(LIMIT));
        assertThat(received).isEmpty();
        assertThat(rawBodies).isEmpty();
    }

    @Test
    void aFormEncodedBodyReachesTheAuthenticatorByteForByte() throws Exception {
        // Signatures (Mailgun, SendGrid) are over the raw body: a container that decoded the form would break them.
        byte[] form = "a=%7B%22x%22%3A1%7D&b=caf%C3%A9+au+lait".getBytes(StandardCharsets.US_ASCII);
        assertThat(post(form, "application/x-www-form-urlencoded", true).statusCode()).isEqualTo(400);
        assertThat(rawBodies).singleElement().isEqualTo(form);
    }

    private HttpResponse<String> post(byte[] body, String contentType, boolean authenticated) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        if (authenticated) {
            b.header("Authorization", auth());
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String auth() {
        return "Basic " + Base64.getEncoder().encodeToString("cloudmailin:s3cret".getBytes(StandardCharsets.UTF_8));
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = WebhookAdapterContract.class.getResourceAsStream("/webhookhttp/" + name)) {
            return new String(Optional.ofNullable(in).orElseThrow(() -> new IOException("no fixture " + name)).readAllBytes(),
                    StandardCharsets.UTF_8);
        }
    }
}
