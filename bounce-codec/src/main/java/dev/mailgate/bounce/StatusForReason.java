package dev.mailgate.bounce;

import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.transport.EnhancedStatusCode;

/** The RFC 3463 (and RFC 7372, RFC 7505) code that states a reason, for reports that carried no status. */
final class StatusForReason {
    private StatusForReason() {
    }

    static EnhancedStatusCode of(BounceReason reason, int codeClass) {
        int[] sd = switch (reason) {
            case USER_UNKNOWN -> new int[] {1, 1};
            case HOST_UNKNOWN -> new int[] {1, 2};
            case HAS_MOVED -> new int[] {1, 6};
            case REJECTED -> new int[] {1, 8};
            case NOT_ACCEPT -> new int[] {1, 10}; // RFC 7505 null MX
            case SUSPEND -> new int[] {2, 1};
            case MAILBOX_FULL -> new int[] {2, 2};
            case EXCEED_LIMIT -> new int[] {2, 3};
            case SYSTEM_ERROR, MAILER_ERROR -> new int[] {3, 0};
            case SYSTEM_FULL -> new int[] {3, 1};
            case MESSAGE_TOO_BIG -> new int[] {3, 4};
            case NETWORK_ERROR -> new int[] {4, 0};
            case EXPIRED -> new int[] {4, 7};
            case SYNTAX_ERROR -> new int[] {5, 2};
            case CONTENT_ERROR, NOT_COMPLIANT_RFC -> new int[] {6, 0};
            case SECURITY_ERROR -> new int[] {7, 0};
            case BLOCKED, SPAM_DETECTED, VIRUS_DETECTED, POLICY_VIOLATION, NO_RELAYING, BAD_REPUTATION, FILTERED -> new int[] {7, 1};
            case REQUIRE_PTR -> new int[] {7, 25};
            case AUTH_FAILURE -> new int[] {7, 26};
            default -> new int[] {0, 0};
        };
        return new EnhancedStatusCode(codeClass, sd[0], sd[1]);
    }
}
