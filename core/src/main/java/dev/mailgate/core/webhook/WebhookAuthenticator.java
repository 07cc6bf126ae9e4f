package dev.mailgate.core.webhook;

import java.util.Optional;

/**
 * Decides whether a webhook request comes from the provider, on the raw request before anything is parsed. Basic
 * auth ({@link BasicAuthenticator}) is what CloudMailin uses; signature schemes (an HMAC over timestamp and body,
 * with a timestamp tolerance and a replay window) plug in the same way.
 */
@FunctionalInterface
public interface WebhookAuthenticator {
    /** @return empty when the request is authentic, else why not (for the log; the response says only 401) */
    Optional<String> reject(WebhookRequest request);

    /** Accepts every request: only for endpoints protected otherwise (a private network, a secret URL). */
    static WebhookAuthenticator none() {
        return request -> Optional.empty();
    }
}
