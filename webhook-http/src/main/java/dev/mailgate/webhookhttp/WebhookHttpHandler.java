package dev.mailgate.webhookhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.core.webhook.WebhookResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link WebhookHandler} on the JDK's {@code HttpServer}: {@code server.createContext("/webhooks/cloudmailin",
 * new WebhookHttpHandler(handler))}. The exchange is closed after the answer is written.
 *
 * <p>The JDK server resolves contexts by path prefix ({@code /webhooks/x} also receives {@code /webhooks/xy}); this
 * handler answers 404 to any path other than its context's own, so a provider posting to a mistyped URL learns
 * so instead of having its events accepted.
 */
public final class WebhookHttpHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger(WebhookHttpHandler.class.getName());

    private final WebhookHandler handler;
    private final Consumer<WebhookResponse> observer;

    public WebhookHttpHandler(WebhookHandler handler) {
        this(handler, r -> { });
    }

    /** @param observer hears each response after it is written; what it throws does not change the answer */
    public WebhookHttpHandler(WebhookHandler handler, Consumer<WebhookResponse> observer) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String context = exchange.getHttpContext().getPath();
            if (!path.equals(context) && (context.endsWith("/") || !path.equals(context + "/"))) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            WebhookRequest request;
            try (InputStream in = exchange.getRequestBody()) {
                request = WebhookRequest.read(exchange.getRequestMethod(), exchange.getRequestHeaders(), in, handler.maxBodyBytes());
            }
            WebhookResponse response = handler.handle(request);
            byte[] body = HttpAnswers.body(response);
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.getResponseHeaders().set("Content-Type", HttpAnswers.CONTENT_TYPE);
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            tell(observer, response);
        }
    }

    static void tell(Consumer<WebhookResponse> observer, WebhookResponse response) {
        try {
            observer.accept(response);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "webhook response observer failed; the answer was already sent", e);
        }
    }
}
