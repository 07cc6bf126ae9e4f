package dev.mailgate.core.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as a webhook endpoint received it. Header names compare case-insensitively (RFC 9110 5.1).
 *
 * <p>Adapters read the body with {@link #read}, which stops at the handler's limit, so that a body of any size
 * costs at most the limit in memory; {@link #post} and the three-argument constructor are for callers that already
 * hold the bytes.
 *
 * @param body the raw body bytes, exactly as received: authenticators check signatures over these; empty when
 *     {@code bodyTruncated}
 * @param bodyTruncated the body was longer than the limit it was read with, and was not read (the handler answers 413)
 */
public record WebhookRequest(String method, Map<String, List<String>> headers, byte[] body, boolean bodyTruncated) {
    private static final byte[] NONE = new byte[0];

    public WebhookRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(body, "body");
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    /** A request whose whole body the caller has read. */
    public WebhookRequest(String method, Map<String, List<String>> headers, byte[] body) {
        this(method, headers, body, false);
    }

    /** A POST with single-valued headers. */
    public static WebhookRequest post(Map<String, String> headers, byte[] body) {
        TreeMap<String, List<String>> multi = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> multi.put(k, List.of(v)));
        return new WebhookRequest("POST", multi, body);
    }

    /**
     * Reads a request body from a stream, at most {@code maxBodyBytes + 1} bytes of it: when the body turns out longer,
     * the rest is left unread and the request is {@link #bodyTruncated()} (its body empty), which the handler answers
     * with 413. The stream is not closed. Pass the handler's
     * {@link WebhookHandler#maxBodyBytes()}.
     *
     * @throws IOException when reading the stream fails
     */
    public static WebhookRequest read(String method, Map<String, List<String>> headers, InputStream body, int maxBodyBytes) throws IOException {
        Objects.requireNonNull(body, "body");
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative, was " + maxBodyBytes);
        }
        // readNBytes grows its buffer only as bytes arrive, and never past the count asked for. A Content-Length
        // over the limit is not trusted to skip reading: the limit + 1 bytes bound memory all the same, and a server
        // that closes with much unread (the JDK's drains 64 KiB) resets the connection before the 413 is read.
        byte[] bytes = body.readNBytes(maxBodyBytes == Integer.MAX_VALUE ? maxBodyBytes : maxBodyBytes + 1);
        if (bytes.length > maxBodyBytes) {
            return new WebhookRequest(method, headers, NONE, true);
        }
        return new WebhookRequest(method, headers, bytes, false);
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
        return o instanceof WebhookRequest r && method.equals(r.method) && headers.equals(r.headers) && java.util.Arrays.equals(body, r.body)
                && bodyTruncated == r.bodyTruncated;
    }

    @Override
    public int hashCode() {
        return (Objects.hash(method, headers) * 31 + java.util.Arrays.hashCode(body)) * 31 + Boolean.hashCode(bodyTruncated);
    }

    @Override
    public String toString() {
        return "WebhookRequest[" + method + ", " + (bodyTruncated ? "body over the limit, not read" : body.length + " bytes") + "]";
    }
}
