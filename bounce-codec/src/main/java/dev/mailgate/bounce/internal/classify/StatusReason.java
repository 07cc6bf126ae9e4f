package dev.mailgate.bounce.internal.classify;

import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.Optional;

/**
 * Reasons that an RFC 3463 status states by itself (RFC 3463 section 3, RFC 7372, RFC 7505). Codes that cover
 * several reasons ({@code 5.7.1} is "delivery not authorized", said of spam, blocklists and filters alike;
 * {@code x.0.0}; {@code 5.1.0}) give nothing here, so the diagnostic's words decide.
 */
final class StatusReason {
    private StatusReason() {
    }

    static Optional<BounceReason> of(EnhancedStatusCode code) {
        int s = code.subject();
        int d = code.detail();
        BounceReason r = switch (s) {
            case 1 -> switch (d) {
                case 1, 3 -> BounceReason.USER_UNKNOWN;
                case 2 -> BounceReason.HOST_UNKNOWN;
                case 6 -> BounceReason.HAS_MOVED;
                case 7, 8 -> BounceReason.REJECTED;
                // RFC 7505 defines x.1.10 for a recipient domain with a null MX, but receivers answer it to RCPT for
                // a recipient not found (Microsoft 365 NDR "5.1.10 RecipientNotFound"); the words "null MX" still
                // give notaccept (ReasonText), so the code alone says the recipient was not found
                case 10 -> BounceReason.USER_UNKNOWN;
                default -> null;
            };
            case 2 -> switch (d) {
                case 1 -> BounceReason.SUSPEND;
                case 2 -> BounceReason.MAILBOX_FULL;
                case 3 -> BounceReason.EXCEED_LIMIT;
                case 4 -> BounceReason.SYSTEM_ERROR;
                default -> null;
            };
            case 3 -> switch (d) {
                case 1 -> BounceReason.SYSTEM_FULL;
                case 2 -> BounceReason.NOT_ACCEPT;
                case 4 -> BounceReason.MESSAGE_TOO_BIG;
                case 5 -> BounceReason.SYSTEM_ERROR;
                default -> null;
            };
            case 4 -> switch (d) {
                case 1, 2, 6 -> BounceReason.NETWORK_ERROR;
                case 3 -> BounceReason.SYSTEM_ERROR;
                case 4 -> BounceReason.HOST_UNKNOWN;
                case 5 -> BounceReason.SYSTEM_FULL;
                case 7 -> BounceReason.EXPIRED;
                default -> null;
            };
            case 5 -> d == 0 ? null : BounceReason.SYNTAX_ERROR;
            case 6 -> BounceReason.CONTENT_ERROR;
            case 7 -> switch (d) {
                case 5, 6, 7, 8, 9, 10, 11, 12 -> BounceReason.SECURITY_ERROR;
                // Microsoft 365 NDR 5.7.57: the client was not authenticated to send anonymous mail during MAIL FROM
                case 57 -> BounceReason.SECURITY_ERROR;
                case 13 -> BounceReason.SUSPEND;
                case 25 -> BounceReason.REQUIRE_PTR;
                case 20, 21, 22, 23, 24, 26, 27 -> BounceReason.AUTH_FAILURE;
                default -> null;
            };
            default -> null;
        };
        return Optional.ofNullable(r);
    }

    /**
     * Codes specific enough to decide before the words: RFC 7372 section 3 (IANA enhanced status registry) x.7.20
     * no passing DKIM signature, x.7.21 no acceptable DKIM, x.7.22 no author-matched DKIM, x.7.23 SPF validation
     * failed, x.7.24 SPF validation error, x.7.26 multiple authentication checks failed (Gmail's DMARC and
     * "unauthenticated" refusals), and x.7.25 reverse DNS validation failed. Their replies go on with broad words
     * ("blocked", "policy") that would otherwise win. x.7.27 is left to the words: RFC 7505 gives it to a sender
     * domain with a null MX, receivers to SPF.
     */
    static Optional<BounceReason> decisive(EnhancedStatusCode code) {
        if (code.subject() != 7) {
            return Optional.empty();
        }
        return switch (code.detail()) {
            case 20, 21, 22, 23, 24, 26 -> Optional.of(BounceReason.AUTH_FAILURE);
            case 25 -> Optional.of(BounceReason.REQUIRE_PTR);
            default -> Optional.empty();
        };
    }
}
