package dev.mailgate.mailjet.webhook;

import dev.mailgate.core.webhook.BasicAuthenticator;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import java.util.Map;
import java.util.Optional;

/**
 * Mailjet's webhook security: the event URL may carry Basic credentials ({@code https://user:password@host/path}),
 * which Mailjet sends as {@code Authorization: Basic} (RFC 7617); it signs nothing else (Event tracking, "Securing
 * your webhook endpoint"). Credentials are compared in constant time, every accepted pair every time
 * ({@link BasicAuthenticator}). As nothing covers the body or a time, use HTTPS so that the credentials stay secret.
 */
public final class MailjetWebhookAuth {
    private MailjetWebhookAuth() {
    }

    /** Accepts the user name and password written into the event URL. */
    public static WebhookAuthenticator basic(String user, String password) {
        return basic(Map.of(user, password));
    }

    /** Accepts any of these pairs (user name to password): keep the old one while the URL is changed. */
    public static WebhookAuthenticator basic(Map<String, String> credentials) {
        BasicAuthenticator basic = BasicAuthenticator.of(credentials);
        return request -> basic.reject(request).map(why -> "mailjet: " + why
                + (why.startsWith("no Authorization") ? " (is user:password@ in the event URL in Mailjet's settings?)" : ""))
                .or(Optional::empty);
    }
}
