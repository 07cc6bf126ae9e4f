package dev.mailgate.postmark.webhook;

import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What Postmark documents for protecting a webhook ("Protecting your webhook",
 * https://postmarkapp.com/developer/webhooks/webhooks-overview): HTTP basic authentication, the user name and
 * password set on the webhook ({@code HttpAuth}, or {@code https://user:pass@host/path}), and a firewall allowing
 * only the IP ranges Postmark sends webhooks from, which "can change for each attempt" and are listed on a support
 * page, not in an API. Postmark does not sign webhooks: there is no signature, no signed timestamp, so no replay
 * window is possible; use HTTPS.
 *
 * <p>Either check or both: with both, a request must pass both. Basic auth credentials can be several (rotation);
 * every one is compared in constant time, with no early exit. The IP ranges are the operator's copy of Postmark's
 * list (this library ships none: a copy would go stale silently). The request does not carry the peer address, so
 * the allow list reads it with {@link Builder#clientAddress} — from the servlet's remote address, or from a header
 * that the application's own reverse proxy sets ({@link Builder#clientAddressHeader}); a header that the proxy does
 * not overwrite is the sender's to forge.
 *
 * <p>A refusal's reason, for the log, names the user name that was tried and the address that was refused, never a
 * password.
 */
public final class PostmarkWebhookAuthenticator implements WebhookAuthenticator {
    private final List<byte[]> credentials;
    private final List<String> users;
    private final List<IpRange> ranges;
    private final Function<WebhookRequest, Optional<String>> clientAddress;

    private PostmarkWebhookAuthenticator(Builder b) {
        if (b.credentials.isEmpty() && b.ranges.isEmpty()) {
            throw new IllegalArgumentException("configure basic auth credentials, an IP allow list, or both (Postmark does not sign webhooks)");
        }
        if (!b.ranges.isEmpty() && b.clientAddress == null) {
            throw new IllegalArgumentException("an IP allow list needs the client address: set clientAddress(...) or clientAddressHeader(...)");
        }
        this.credentials = List.copyOf(b.credentials);
        this.users = List.copyOf(b.users);
        this.ranges = List.copyOf(b.ranges);
        this.clientAddress = b.clientAddress;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<String> reject(WebhookRequest request) {
        if (!ranges.isEmpty()) {
            Optional<String> refused = checkAddress(request);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return credentials.isEmpty() ? Optional.empty() : checkBasic(request);
    }

    private Optional<String> checkAddress(WebhookRequest request) {
        Optional<String> raw = clientAddress.apply(request);
        if (raw.isEmpty() || raw.get().isBlank()) {
            return Optional.of("postmark: the client address is unknown (is the proxy setting the configured header?); the IP allow list cannot pass it");
        }
        Optional<InetAddress> addr = IpRange.literal(raw.get());
        if (addr.isEmpty()) {
            return Optional.of("postmark: the client address \"" + abbreviate(raw.get()) + "\" is not an IP address");
        }
        for (IpRange r : ranges) {
            if (r.contains(addr.get())) {
                return Optional.empty();
            }
        }
        return Optional.of("postmark: " + addr.get().getHostAddress() + " is not in the webhook IP allow list " + ranges
                + " (Postmark's webhook IPs change: compare with its support page)");
    }

    private Optional<String> checkBasic(WebhookRequest request) {
        Optional<String> header = request.header("Authorization");
        if (header.isEmpty()) {
            return Optional.of("postmark: no Authorization header; set the webhook's HttpAuth (or https://user:password@host/...) to one of " + users);
        }
        String value = header.get().strip();
        if (!value.regionMatches(true, 0, "Basic ", 0, 6)) {
            String scheme = value.indexOf(' ') > 0 ? value.substring(0, value.indexOf(' ')) : value;
            return Optional.of("postmark: the Authorization scheme is " + abbreviate(scheme) + ", not Basic");
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(value.substring(6).strip());
        } catch (IllegalArgumentException e) {
            return Optional.of("postmark: the Basic credentials are not valid base64");
        }
        boolean match = false;
        for (byte[] candidate : credentials) {
            match |= MessageDigest.isEqual(candidate, given); // constant-time for equal lengths; every candidate is compared
        }
        if (match) {
            return Optional.empty();
        }
        String text = new String(given, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        String user = colon < 0 ? "(no user:password pair)" : "user \"" + abbreviate(text.substring(0, colon)) + "\"";
        return Optional.of("postmark: wrong basic auth credentials for " + user + "; accepted users are " + users
                + " (was the password rotated on one side only?)");
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("[\\p{Cntrl}]", "?");
        return clean.length() <= 40 ? clean : clean.substring(0, 40) + "...";
    }

    /** Credentials, IP ranges and where the client address comes from. */
    public static final class Builder {
        private final List<byte[]> credentials = new ArrayList<>();
        private final List<String> users = new ArrayList<>();
        private final List<IpRange> ranges = new ArrayList<>();
        private Function<WebhookRequest, Optional<String>> clientAddress;

        private Builder() {
        }

        /** A user name and password the webhook sends; call again to accept a second pair while rotating. */
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

        /** IP addresses or CIDR ranges (e.g. {@code 203.0.113.0/24}) Postmark's webhooks may come from. */
        public Builder allowIps(String... cidrs) {
            for (String c : cidrs) {
                ranges.add(IpRange.parse(Objects.requireNonNull(c, "cidr")));
            }
            return this;
        }

        /** How to learn the peer address of a request, e.g. from the servlet request the WebhookRequest was made from. */
        public Builder clientAddress(Function<WebhookRequest, Optional<String>> clientAddress) {
            this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
            return this;
        }

        /**
         * Reads the client address from a header that the application's reverse proxy sets, e.g. {@code X-Real-IP};
         * for a list header such as {@code X-Forwarded-For} the last entry is taken, the one the nearest proxy added.
         */
        public Builder clientAddressHeader(String name) {
            Objects.requireNonNull(name, "name");
            this.clientAddress = r -> r.header(name).map(v -> {
                int comma = v.lastIndexOf(',');
                return (comma < 0 ? v : v.substring(comma + 1)).strip();
            });
            return this;
        }

        public PostmarkWebhookAuthenticator build() {
            return new PostmarkWebhookAuthenticator(this);
        }
    }
}
