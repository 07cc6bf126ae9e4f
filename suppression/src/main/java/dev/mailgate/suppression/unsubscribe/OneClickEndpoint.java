package dev.mailgate.suppression.unsubscribe;

import dev.mailgate.suppression.Suppressions;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The receiving side of RFC 8058 one-click unsubscribe, framework-neutral: the mailbox provider POSTs
 * {@code List-Unsubscribe=One-Click} to the URI from the List-Unsubscribe header; a valid token becomes an
 * unsubscribe event in the suppression lists. A GET (a link scanner, a preview) changes nothing (RFC 8058 3.2).
 */
public final class OneClickEndpoint {
    /** The HTTP answer: 200 done (also for a repeated click), 400 bad token or body, 405 not a POST. */
    public record Result(int status, String message) {
    }

    private final UnsubscribeTokens tokens;
    private final Suppressions suppressions;
    private final Clock clock;

    public OneClickEndpoint(UnsubscribeTokens tokens, Suppressions suppressions, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Result handle(String method, URI uri, byte[] body) {
        if (!"POST".equalsIgnoreCase(method)) {
            return new Result(405, "one-click unsubscribe is a POST (RFC 8058); nothing was changed");
        }
        String form = new String(body, StandardCharsets.US_ASCII).strip();
        if (!form.contains("List-Unsubscribe=One-Click")) {
            return new Result(400, "the body must be List-Unsubscribe=One-Click (RFC 8058 3.1)");
        }
        Optional<String> token = parameter(uri.getRawQuery(), "t");
        if (token.isEmpty()) {
            return new Result(400, "no token in the URI");
        }
        try {
            UnsubscribeRequest request = tokens.verify(token.get());
            suppressions.ingest(request.toEvent(clock.instant()));
            return new Result(200, "unsubscribed " + request.recipient().address() + request.campaign().map(c -> " from " + c).orElse(""));
        } catch (InvalidTokenException e) {
            return new Result(400, e.getMessage());
        }
    }

    private static Optional<String> parameter(String query, String name) {
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }
}
