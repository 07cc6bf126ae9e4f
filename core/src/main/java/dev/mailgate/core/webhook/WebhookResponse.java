package dev.mailgate.core.webhook;

import dev.mailgate.core.event.MailEvent;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to answer the provider, and what was decoded.
 *
 * @param status the HTTP status: 200 handled (unknown event kinds included), 401 authentication failed, 400
 *     malformed payload, 405 not a POST, 413 body too large, 500 the application's listener failed (so the provider
 *     retries), 503 an event of this delivery is being handled by a concurrent request (with {@code Retry-After}, so
 *     the provider delivers again once that one's outcome is known)
 * @param events the new events handed to the listener (repeated deliveries are left out)
 * @param duplicates events of this request that an earlier delivery already handed over
 * @param error what was wrong, for the response body and the log; empty on success
 * @param headers response headers to set (e.g. {@code WWW-Authenticate} on 401)
 */
public record WebhookResponse(int status, List<MailEvent> events, int duplicates, String error, Map<String, String> headers) {
    public WebhookResponse {
        events = List.copyOf(events);
        Objects.requireNonNull(error, "error");
        headers = Map.copyOf(headers);
    }

    static WebhookResponse error(int status, String error) {
        return new WebhookResponse(status, List.of(), 0, error, Map.of());
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** A short plain-text body for the HTTP response. */
    public String body() {
        return isSuccess() ? "ok: " + events.size() + " events" + (duplicates > 0 ? ", " + duplicates + " repeated" : "") + "\n"
                : error + "\n";
    }
}
