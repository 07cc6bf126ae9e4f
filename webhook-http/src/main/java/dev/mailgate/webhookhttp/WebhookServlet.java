package dev.mailgate.webhookhttp;

import dev.mailgate.core.webhook.WebhookHandler;
import dev.mailgate.core.webhook.WebhookRequest;
import dev.mailgate.core.webhook.WebhookResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A {@link WebhookHandler} as a Jakarta Servlet (6.0): every method goes to the handler, which answers 405 to all but
 * POST, so {@code doGet} and friends are not overridden. Register it on the path the provider posts to, e.g.
 * {@code context.addServlet(new WebhookServlet(handler), "/webhooks/cloudmailin")}.
 *
 * <p>The body is read from {@link HttpServletRequest#getInputStream()} directly, never through
 * {@code getParameter}: a form-encoded webhook must reach the authenticator byte for byte (signatures are computed
 * over the raw body), and a container that parsed the form first would have consumed it.
 */
public final class WebhookServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient WebhookHandler handler;
    private final transient Consumer<WebhookResponse> observer;

    public WebhookServlet(WebhookHandler handler) {
        this(handler, r -> { });
    }

    /**
     * @param observer hears each response after it is written (a log line, a metric); what it throws is not the
     *     provider's problem and does not change the answer
     */
    public WebhookServlet(WebhookHandler handler, Consumer<WebhookResponse> observer) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        WebhookResponse response = handler.handle(read(req, handler.maxBodyBytes()));
        byte[] body = HttpAnswers.body(response);
        resp.setStatus(response.status());
        response.headers().forEach(resp::setHeader);
        resp.setContentType(HttpAnswers.CONTENT_TYPE);
        resp.setContentLength(body.length);
        try (OutputStream out = resp.getOutputStream()) {
            out.write(body);
        }
        WebhookHttpHandler.tell(observer, response);
    }

    /**
     * The request as the handler takes it: method, every header, and the body read once from the input stream, at
     * most {@code maxBodyBytes + 1} bytes of it. For frameworks on a servlet container (Spring MVC) that route the
     * request themselves.
     *
     * @throws IOException when reading the body fails
     */
    public static WebhookRequest read(HttpServletRequest req, int maxBodyBytes) throws IOException {
        try (InputStream in = req.getInputStream()) {
            return WebhookRequest.read(req.getMethod(), headers(req), in, maxBodyBytes);
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest req) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : Collections.list(req.getHeaderNames())) {
            headers.put(name, Collections.list(req.getHeaders(name)));
        }
        return headers;
    }
}
