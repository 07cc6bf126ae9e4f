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
                case 10 -> BounceReason.NOT_ACCEPT;
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
                case 13 -> BounceReason.SUSPEND;
                case 25 -> BounceReason.REQUIRE_PTR;
                case 20, 21, 22, 23, 24, 26, 27 -> BounceReason.AUTH_FAILURE;
                default -> null;
            };
            default -> null;
        };
        return Optional.ofNullable(r);
    }
}
