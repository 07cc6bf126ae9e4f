package dev.mailgate.cli.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.core.webhook.WebhookResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The core {@link WebhookHandler} on the JDK's {@code HttpServer}: method, headers and the raw body in; status,
 * headers and the handler's short text out, and one log line per request on standard error.
 */
final class WebhookEndpoint implements AutoCloseable {
    private final HttpServer http;
    private final String path;

    private WebhookEndpoint(HttpServer http, String path) {
        this.http = http;
        this.path = path;
    }

    /**
     * Listens on {@code bind:port} (0 picks a free port) and passes requests to {@code path} to the handler. The
     * default executor handles one request at a time, so the printed events of two deliveries never interleave.
     *
     * @throws IOException when the address cannot be bound (in use, not a local address)
     */
    static WebhookEndpoint start(String bind, int port, String path, WebhookHandler handler, PrintWriter log) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 0);
        http.createContext(path, exchange -> {
            try (exchange) {
                respond(exchange, receive(exchange, handler), log);
            } catch (IOException | RuntimeException e) {
                synchronized (log) {
                    log.println(exchange.getRequestMethod() + " " + exchange.getRequestURI() + ": " + e);
                    log.flush();
                }
            }
        });
        http.start();
        return new WebhookEndpoint(http, path);
    }

    /**
     * The body is bounded: a declared Content-Length over the limit is refused unread, and otherwise at most the
     * limit plus one byte is read, which is enough for the handler to answer 413.
     */
    private static WebhookResponse receive(HttpExchange exchange, WebhookHandler handler) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        byte[] body;
        if (declared != null && declared.strip().matches("\\d{1,18}") && Long.parseLong(declared.strip()) > handler.maxBodyBytes()) {
            body = new byte[handler.maxBodyBytes() + 1];
        } else {
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(handler.maxBodyBytes() + 1);
            }
        }
        return handler.handle(new WebhookRequest(exchange.getRequestMethod(), exchange.getRequestHeaders(), body));
    }

    private static void respond(HttpExchange exchange, WebhookResponse r, PrintWriter log) throws IOException {
        r.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] text = r.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(r.status(), text.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(text);
        }
        synchronized (log) {
            log.println(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " -> " + r.status() + " " + r.body().strip());
            log.flush();
        }
    }

    /** The URL providers should POST to. */
    String url() {
        InetSocketAddress a = http.getAddress();
        String host = a.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + path;
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
