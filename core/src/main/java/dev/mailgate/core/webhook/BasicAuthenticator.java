package dev.mailgate.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP Basic authentication (RFC 7617) of webhook requests. Several credentials can be accepted at once so that
 * a password can be rotated without losing deliveries; every configured credential is compared, in constant time
 * (no early exit on the first differing byte or the first match), so timing tells nothing about them.
 */
public final class BasicAuthenticator implements WebhookAuthenticator {
    private final List<byte[]> accepted;
    private final String realm;

    private BasicAuthenticator(List<byte[]> accepted, String realm) {
        this.accepted = accepted;
        this.realm = realm;
    }

    /** @param credentials user name → password; at least one */
    public static BasicAuthenticator of(Map<String, String> credentials) {
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("at least one user name and password is required");
        }
        List<byte[]> accepted = new ArrayList<>();
        credentials.forEach((user, password) -> {
            if (user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a Basic auth user name cannot contain ':' (RFC 7617 2)");
            }
            accepted.add((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        });
        return new BasicAuthenticator(List.copyOf(accepted), "mailgate-webhook");
    }

    public static BasicAuthenticator of(String user, String password) {
        return of(Map.of(user, password));
    }

    /** The realm named in the {@code WWW-Authenticate} challenge of a 401. */
    public String challenge() {
        return "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
    }

    @Override
    public Optional<String> reject(WebhookRequest request) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty()) {
            return Optional.of("no Authorization header");
        }
        String value = header.get().strip();
        if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.of("Authorization is not Basic");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(value.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return Optional.of("Authorization is not valid base64");
        }
        boolean match = false;
        for (byte[] candidate : accepted) {
            match |= MessageDigest.isEqual(candidate, given); // isEqual is constant-time for equal lengths
        }
        return match ? Optional.empty() : Optional.of("wrong user name or password");
    }
}
