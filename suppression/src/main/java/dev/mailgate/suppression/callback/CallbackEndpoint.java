package dev.mailgate.suppression.callback;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/** The callback destination over HTTP: one JSON POST and how its answer reads; the publisher decides what follows. */
final class CallbackEndpoint {
    /** One POST's answer: a status (-1 when none came) and a description for logs and the outbox. */
    record Answer(int status, String detail) {
        boolean delivered() {
            return status >= 200 && status < 300;
        }

        /** The endpoint refused the payload itself: splitting it finds the items it refuses. */
        boolean refusal() {
            return status == 400 || status == 413 || status == 422;
        }
    }

    private final URI endpoint;
    private final HttpClient http;
    private final Map<String, String> headers;
    private final Duration timeout;

    CallbackEndpoint(URI endpoint, HttpClient http, Map<String, String> headers, Duration timeout) {
        this.endpoint = endpoint;
        this.http = http;
        this.headers = Map.copyOf(headers);
        this.timeout = timeout;
    }

    /** One POST; null when interrupted. */
    Answer post(byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            String text = response.body() == null ? "" : response.body();
            return new Answer(status, "HTTP " + status + (text.isBlank() ? "" : ": " + (text.length() > 200 ? text.substring(0, 200) : text.strip())));
        } catch (HttpTimeoutException e) {
            return new Answer(-1, "timed out after " + timeout);
        } catch (IOException e) {
            return new Answer(-1, "connection failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
