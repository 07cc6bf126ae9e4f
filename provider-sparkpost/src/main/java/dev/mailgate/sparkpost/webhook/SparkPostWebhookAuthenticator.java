package dev.mailgate.sparkpost.webhook;

import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What SparkPost documents for authenticating its webhook requests ("Webhooks", https://developers.sparkpost.com/api/webhooks/,
 * {@code auth_type}): {@code basic}, where each request carries {@code Authorization: Basic} with the
 * {@code auth_credentials} username and password set on the webhook, or {@code oauth2}, where SparkPost fetches an access
 * token from the application's {@code token_url} with client credentials and sends it as {@code Authorization: Bearer}.
 * SparkPost does not sign its batches: there is no signed timestamp and so no replay window; use HTTPS.
 *
 * <p>Several basic-auth pairs and several bearer tokens can be accepted at once (rotation); every candidate is compared
 * in constant time with no early exit. Tokens that the application's token endpoint issues and expires can be checked
 * with {@link Builder#bearerTokenCheck}. A refusal's reason, for the log, names the scheme and the user name tried,
 * never a password or token.
 */
public final class SparkPostWebhookAuthenticator implements WebhookAuthenticator {
    private final List<byte[]> credentials;
    private final List<String> users;
    private final List<byte[]> tokens;
    private final Predicate<String> tokenCheck;

    private SparkPostWebhookAuthenticator(Builder b) {
        if (b.credentials.isEmpty() && b.tokens.isEmpty() && b.tokenCheck == null) {
            throw new IllegalArgumentException("configure basic auth credentials or OAuth 2.0 bearer tokens (SparkPost does not sign webhooks)");
        }
        this.credentials = List.copyOf(b.credentials);
        this.users = List.copyOf(b.users);
        this.tokens = List.copyOf(b.tokens);
        this.tokenCheck = b.tokenCheck;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<String> reject(WebhookRequest request) {
        Optional<String> header = request.header("Authorization").map(String::strip);
        if (header.isEmpty() || header.get().isEmpty()) {
            return Optional.of("sparkpost: no Authorization header; the webhook's auth_type must be " + schemes());
        }
        String value = header.get();
        if (value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return credentials.isEmpty() ? Optional.of("sparkpost: Basic credentials sent, but only OAuth 2.0 bearer tokens are accepted here")
                    : basic(value.substring(6).strip());
        }
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return tokens.isEmpty() && tokenCheck == null ? Optional.of("sparkpost: a bearer token sent, but only basic auth is accepted here")
                    : bearer(value.substring(7).strip());
        }
        String scheme = value.indexOf(' ') > 0 ? value.substring(0, value.indexOf(' ')) : "(none)";
        return Optional.of("sparkpost: the Authorization scheme " + abbreviate(scheme) + " is neither Basic nor Bearer");
    }

    private Optional<String> basic(String encoded) {
        byte[] given;
        try {
            given = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return Optional.of("sparkpost: the Basic credentials are not valid base64");
        }
        boolean match = false;
        for (byte[] candidate : credentials) {
            match |= MessageDigest.isEqual(candidate, given);
        }
        if (match) {
            return Optional.empty();
        }
        String text = new String(given, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        String user = colon < 0 ? "(no user:password pair)" : "user \"" + abbreviate(text.substring(0, colon)) + "\"";
        return Optional.of("sparkpost: wrong basic auth credentials for " + user + "; accepted users are " + users
                + " (compare the webhook's auth_credentials)");
    }

    private Optional<String> bearer(String token) {
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] candidate : tokens) {
            match |= MessageDigest.isEqual(candidate, given);
        }
        if (!match && tokenCheck != null) {
            match = tokenCheck.test(token);
        }
        return match ? Optional.empty() : Optional.of("sparkpost: the bearer token (" + given.length + " bytes) is not one this application "
                + "issued or accepts (expired? SparkPost fetches a new one from the webhook's token_url when told 401)");
    }

    private String schemes() {
        List<String> s = new ArrayList<>();
        if (!credentials.isEmpty()) {
            s.add("basic (users " + users + ")");
        }
        if (!tokens.isEmpty() || tokenCheck != null) {
            s.add("oauth2");
        }
        return String.join(" or ", s);
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "...";
    }

    /** Basic credentials and bearer tokens. */
    public static final class Builder {
        private final List<byte[]> credentials = new ArrayList<>();
        private final List<String> users = new ArrayList<>();
        private final List<byte[]> tokens = new ArrayList<>();
        private Predicate<String> tokenCheck;

        private Builder() {
        }

        /** The webhook's {@code auth_credentials} for {@code auth_type} basic; call again to accept a second pair. */
        public Builder basicAuth(String user, String password) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a basic auth user name cannot contain ':' (RFC 7617 2)");
            }
            if (password.isEmpty()) {
                throw new IllegalArgumentException("the webhook password is empty");
            }
            credentials.add((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            users.add(user);
            return this;
        }

        /** An access token the application's token endpoint gives SparkPost ({@code auth_type} oauth2). */
        public Builder bearerToken(String token) {
            Objects.requireNonNull(token, "token");
            if (token.isBlank()) {
                throw new IllegalArgumentException("the bearer token is blank");
            }
            tokens.add(token.strip().getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** Checks tokens that the application issues and expires itself; it must compare in constant time. */
        public Builder bearerTokenCheck(Predicate<String> check) {
            this.tokenCheck = Objects.requireNonNull(check, "check");
            return this;
        }

        public SparkPostWebhookAuthenticator build() {
            return new SparkPostWebhookAuthenticator(this);
        }
    }
}
