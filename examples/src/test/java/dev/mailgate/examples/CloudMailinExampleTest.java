package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mailgate.cloudmailin.webhook.CloudMailinWebhookCodec;
import dev.mailgate.core.event.EventType;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.webhook.BasicAuthenticator;
import dev.mailgate.core.webhook.WebhookHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** End to end over real HTTP: the example's endpoint on the JDK HttpServer. */
class CloudMailinExampleTest {
    @Test
    void theExampleDoesWhatItSays() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CloudMailinExample.Summary s = CloudMailinExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(s.queuedAs()).isEqualTo("f78b876d-dd97-4e10-9a61-067f98044cc7");
        // wrong password, accepted, retried (duplicates dropped, still 200), malformed
        assertThat(s.statuses()).containsExactly(401, 200, 200, 400);
        assertThat(s.events()).extracting(MailEvent::type).containsExactly(EventType.DELIVERED, EventType.BOUNCED);
        assertThat(s.events()).allMatch(e -> e.details().providerMessageId().orElseThrow().equals(s.queuedAs()));
        assertThat(s.suppressed()).containsExactly("old@example.net");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("2 repeated").contains("(matches the send)");
    }

    @Test
    void oversizedBodiesAndOtherMethodsAreRefusedOverHttp() throws Exception {
        List<MailEvent> got = new ArrayList<>();
        WebhookHandler handler = WebhookHandler.builder(new CloudMailinWebhookCodec()).authenticator(BasicAuthenticator.of("u", "p"))
                .maxBodyBytes(1024).listener(got::addAll).build();
        HttpServer http = CloudMailinExample.mount(handler, "/hook");
        try {
            URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/hook");
            HttpClient client = HttpClient.newHttpClient();
            String auth = "Basic " + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> big = client.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[" + " ".repeat(5000) + "]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(big.statusCode()).isEqualTo(413);
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            HttpResponse<String> noAuth = client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{\"events\":[]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(noAuth.statusCode()).isEqualTo(401);
            assertThat(noAuth.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            HttpResponse<String> deep = client.send(HttpRequest.newBuilder(uri).header("Authorization", auth)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"events\":" + "[".repeat(300) + "]".repeat(300) + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(deep.statusCode()).isEqualTo(400);
            assertThat(got).isEmpty();
        } finally {
            http.stop(0);
        }
    }
}
