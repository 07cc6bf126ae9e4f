package dev.mailgate.brevo.webhook;

import dev.mailgate.core.webhook.BasicAuthenticator;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks "Secure webhook calls" (https://developers.brevo.com/docs/secured-webhooks) offers, each optional and
 * all configured ones required: Basic credentials written into the notify URL ({@code https://user:password@host/...},
 * sent as an {@code Authorization: Basic} header, RFC 7617), a bearer token Brevo sends as
 * {@code Authorization: Bearer <token>}, and the webhook IP ranges of "Brevo IP ranges"
 * (https://help.brevo.com/hc/en-us/articles/15127404548498): {@value #RANGE_1} and {@value #RANGE_2}.
 *
 * <p>Brevo signs nothing: none of these covers the body or a time, so a captured request can be replayed and its body
 * changed by whoever can send it from the allowed ranges with the credentials. Use HTTPS, so that the credentials stay
 * secret, and the IP ranges where a reverse proxy can tell the peer's address.
 *
 * <p>The peer's address is not part of a {@link WebhookRequest}; the IP check reads it from a header that your own
 * reverse proxy sets (for example {@code X-Real-IP}), and an application that has the socket's address checks
 * {@link #inBrevoRanges(InetAddress)} itself. A header a client could set is worthless here: name only one your proxy
 * overwrites. Tokens are compared in constant time ({@link MessageDigest#isEqual}), every accepted token is compared.
 */
public final class BrevoWebhookAuthenticator implements WebhookAuthenticator {
    /** Before the ranges: parsing them uses it. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    public static final String RANGE_1 = "1.179.112.0/20";
    public static final String RANGE_2 = "172.246.240.0/20";
    private static final List<Cidr> BREVO_RANGES = List.of(Cidr.parse(RANGE_1), Cidr.parse(RANGE_2));

    private final BasicAuthenticator basic;
    private final List<byte[]> tokens;
    private final String peerHeader;
    private final List<Cidr> ranges;

    private BrevoWebhookAuthenticator(Builder b) {
        if (b.basic == null && b.tokens.isEmpty() && b.peerHeader == null) {
            throw new IllegalArgumentException("configure at least one check: basic credentials, a bearer token or the IP ranges");
        }
        if (b.basic != null && !b.tokens.isEmpty()) {
            // both travel in the one Authorization header: a webhook is set up with one or the other
            throw new IllegalArgumentException("Basic credentials and a bearer token both use the Authorization header; choose one");
        }
        this.basic = b.basic;
        this.tokens = List.copyOf(b.tokens);
        this.peerHeader = b.peerHeader;
        this.ranges = List.copyOf(b.ranges);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether {@code address} is in Brevo's published webhook ranges. */
    public static boolean inBrevoRanges(InetAddress address) {
        return BREVO_RANGES.stream().anyMatch(c -> c.contains(address));
    }

    @Override
    public Optional<String> reject(WebhookRequest request) {
        if (peerHeader != null) {
            Optional<String> why = checkPeer(request);
            if (why.isPresent()) {
                return why;
            }
        }
        if (basic != null) {
            Optional<String> why = basic.reject(request);
            if (why.isPresent()) {
                return Optional.of("brevo: " + why.get());
            }
        }
        if (!tokens.isEmpty()) {
            String auth = request.header("Authorization").orElse("").strip();
            if (auth.isEmpty()) {
                return Optional.of("brevo: no Authorization header (the webhook's bearer token)");
            }
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Optional.of("brevo: Authorization is not a Bearer token");
            }
            byte[] given = auth.substring(7).strip().getBytes(StandardCharsets.UTF_8);
            boolean match = false;
            for (byte[] token : tokens) {
                match |= MessageDigest.isEqual(token, given);
            }
            if (!match) {
                return Optional.of("brevo: the bearer token matches none of the " + tokens.size() + " configured");
            }
        }
        return Optional.empty();
    }

    private Optional<String> checkPeer(WebhookRequest request) {
        Optional<String> value = request.header(peerHeader);
        if (value.isEmpty()) {
            return Optional.of("brevo: no " + peerHeader + " header with the peer's address (is the reverse proxy setting it?)");
        }
        // X-Forwarded-For style lists: the proxy appends the peer last
        String[] hops = value.get().split(",");
        String last = hops[hops.length - 1].strip();
        Optional<InetAddress> address = literal(last);
        if (address.isEmpty()) {
            return Optional.of("brevo: " + peerHeader + " is not an IP address: " + (last.length() > 60 ? last.substring(0, 60) + "..." : last));
        }
        if (ranges.stream().noneMatch(c -> c.contains(address.get()))) {
            return Optional.of("brevo: peer " + address.get().getHostAddress() + " is outside the allowed ranges " + ranges);
        }
        return Optional.empty();
    }

    /** An IP literal only: never a name, which would start a DNS lookup for attacker-chosen input. */
    static Optional<InetAddress> literal(String text) {
        String t = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (!IPV4.matcher(t).matches() && !(t.indexOf(':') >= 0 && t.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.'))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "BrevoWebhookAuthenticator[" + (basic != null ? "basic " : "") + (tokens.isEmpty() ? "" : tokens.size() + " bearer tokens ")
                + (peerHeader == null ? "" : "peer from " + peerHeader + " in " + ranges) + "]";
    }

    /** Choose the checks; several credentials or tokens can be accepted at once, for rotation. */
    public static final class Builder {
        private BasicAuthenticator basic;
        private final List<byte[]> tokens = new ArrayList<>();
        private String peerHeader;
        private List<Cidr> ranges = BREVO_RANGES;

        private Builder() {
        }

        /** The user name and password written into the notify URL. */
        public Builder basic(String user, String password) {
            this.basic = BasicAuthenticator.of(user, password);
            return this;
        }

        /** Accepts this bearer token (call again to accept another during rotation). */
        public Builder bearerToken(String token) {
            Objects.requireNonNull(token, "token");
            if (token.isBlank()) {
                throw new IllegalArgumentException("the bearer token is blank");
            }
            tokens.add(token.strip().getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /**
         * Requires the peer address, as {@code header} gives it (set by your reverse proxy), in Brevo's webhook ranges.
         */
        public Builder brevoAddressesFrom(String header) {
            this.peerHeader = Objects.requireNonNull(header, "header");
            return this;
        }

        /** Replaces Brevo's ranges (CIDR notation), e.g. for a test or a range Brevo announces later. */
        public Builder ranges(List<String> cidrs) {
            List<Cidr> parsed = new ArrayList<>();
            cidrs.forEach(c -> parsed.add(Cidr.parse(c)));
            if (parsed.isEmpty()) {
                throw new IllegalArgumentException("at least one range");
            }
            this.ranges = List.copyOf(parsed);
            return this;
        }

        public BrevoWebhookAuthenticator build() {
            return new BrevoWebhookAuthenticator(this);
        }
    }

    /** An address block ({@code 1.179.112.0/20}, RFC 4632 3.1). */
    record Cidr(byte[] network, int prefix, String text) {
        static Cidr parse(String cidr) {
            int slash = cidr.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException("not CIDR notation (address/prefix): " + cidr);
            }
            InetAddress a = literal(cidr.substring(0, slash).strip())
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + cidr));
            int prefix;
            try {
                prefix = Integer.parseInt(cidr.substring(slash + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a prefix length: " + cidr, e);
            }
            if (prefix < 0 || prefix > a.getAddress().length * 8) {
                throw new IllegalArgumentException("prefix out of range: " + cidr);
            }
            return new Cidr(a.getAddress(), prefix, cidr.strip());
        }

        boolean contains(InetAddress address) {
            byte[] b = address.getAddress();
            if (b.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((b[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
