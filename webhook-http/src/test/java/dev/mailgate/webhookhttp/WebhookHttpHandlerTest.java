package dev.mailgate.webhookhttp;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.core.webhook.WebhookResponse;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The handler on the JDK's HttpServer on a loopback port. */
class WebhookHttpHandlerTest extends WebhookAdapterContract {
    private HttpServer server;
    private URI base;

    @Override
    URI start(WebhookHandler handler, Consumer<WebhookResponse> observer) throws Exception {
        // snippet:mount-jdk
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(PATH, new WebhookHttpHandler(handler, observer));
        server.start();
        // end:mount-jdk
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
        return base;
    }

    @Override
    void stop() {
        server.stop(0);
    }

    @Test
    void aLongerPathUnderTheContextIs404NotAcceptedAsTheWebhook() throws Exception {
        // The JDK server matches contexts by prefix: /webhooks/cloudmailinx would otherwise reach the handler.
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(PATH + "x"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(received).isEmpty();
    }
}
