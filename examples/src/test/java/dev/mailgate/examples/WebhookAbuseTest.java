package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mailgate.cloudmailin.webhook.CloudMailinWebhookCodec;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.webhook.BasicAuthenticator;
import dev.mailgate.core.webhook.WebhookHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile webhook POSTs over real HTTP (the JDK server with the adapter users copy from CloudMailinExample): each is
 * answered with the right status and nothing reaches the application, except the one genuine delivery, once.
 */
class WebhookAbuseTest {
    private static final int MAX_BODY = 64 * 1024;
    private final List<MailEvent> counted = new CopyOnWriteArrayList<>();
    private HttpServer http;
    private URI uri;
    private final HttpClient client = HttpClient.newHttpClient();
    private byte[] genuine;

    @BeforeEach
    void start() throws IOException {
        WebhookHandler handler = WebhookHandler.builder(new CloudMailinWebhookCodec())
                .authenticator(BasicAuthenticator.of("cloudmailin", "webhook-secret"))
                .maxBodyBytes(MAX_BODY)
                .listener(counted::addAll).build();
        http = CloudMailinExample.mount(handler, "/hooks");
        uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/hooks");
        try (InputStream in = getClass().getResourceAsStream("/webhook/cloudmailin-bounce.json")) {
            genuine = in.readAllBytes();
        }
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private int post(String authorization, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String basic(String userPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void hostileRequestsAreRefusedAndNothingIsCounted() throws Exception {
        String good = basic("cloudmailin:webhook-secret");
        assertThat(post(null, genuine)).as("missing auth").isEqualTo(401);
        assertThat(post(basic("cloudmailin:guess"), genuine)).as("wrong password").isEqualTo(401);
        assertThat(post(basic("intruder:webhook-secret"), genuine)).as("wrong user").isEqualTo(401);
        assertThat(post("Basic !!!not-base64!!!", genuine)).as("garbage credentials").isEqualTo(401);
        assertThat(post("Bearer webhook-secret", genuine)).as("another scheme").isEqualTo(401);
        assertThat(counted).as("nothing from unauthenticated requests").isEmpty();

        byte[] oversized = ("{\"events\":[" + "{\"kind\":\"delivery\",\"recipient\":\"a@example.org\"},".repeat(MAX_BODY / 40) + "]}").getBytes(StandardCharsets.UTF_8);
        assertThat(oversized.length).isGreaterThan(MAX_BODY);
        assertThat(post(good, oversized)).as("oversized").isEqualTo(413);
        byte[] nested = ("{\"events\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.US_ASCII);
        assertThat(post(good, java.util.Arrays.copyOf(nested, Math.min(nested.length, MAX_BODY)))).as("deeply nested").isEqualTo(400);
        assertThat(post(good, "{\"events\":[{\"kind\":42}]}".getBytes(StandardCharsets.UTF_8))).as("malformed").isEqualTo(400);
        assertThat(counted).as("nothing from refused bodies").isEmpty();

        assertThat(post(good, genuine)).as("genuine").isEqualTo(200);
        assertThat(post(good, genuine)).as("replayed").isEqualTo(200);
        assertThat(post(good, genuine)).as("replayed again").isEqualTo(200);
        assertThat(counted).as("the genuine event, once").hasSize(1);
    }

    @Test
    void wrongMethodIsRefused() throws Exception {
        int status = client.send(HttpRequest.newBuilder(uri).header("Authorization", basic("cloudmailin:webhook-secret")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        assertThat(status).isEqualTo(405);
        assertThat(counted).isEmpty();
    }
}
