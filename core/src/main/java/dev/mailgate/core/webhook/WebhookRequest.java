package dev.mailgate.core.webhook;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as a webhook endpoint received it. Header names compare case-insensitively (RFC 9110 5.1).
 *
 * @param body the raw body bytes, exactly as received: authenticators check signatures over these
 */
public record WebhookRequest(String method, Map<String, List<String>> headers, byte[] body) {
    public WebhookRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(body, "body");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    /** A POST with single-valued headers. */
    public static WebhookRequest post(Map<String, String> headers, byte[] body) {
        TreeMap<String, List<String>> multi = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new WebhookRequest("POST", multi, body);
    }

    /** The first value of a header, if present. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public boolean isPost() {
        return method.toUpperCase(Locale.ROOT).equals("POST");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookRequest r && method.equals(r.method) && headers.equals(r.headers) && java.util.Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, headers) * 31 + java.util.Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + method + ", " + body.length + " bytes]";
    }
}
