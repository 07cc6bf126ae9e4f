package dev.mailgate.bounce;

import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.Optional;

/**
 * What a report says about one recipient, in the class semantics of the bounce-classifier corpus: {@code HARD} only
 * when the address itself is bad; every other failure, a 5xx spam or policy block included, is {@code SOFT}.
 */
public enum Verdict {
    HARD("hard"), SOFT("soft"), COMPLAINT("complaint"), AUTO_REPLY("autoreply"), DELIVERED("delivered"), UNKNOWN("unknown");

    private final String id;

    Verdict(String id) {
        this.id = id;
    }

    /** The lower-case name used in exports and the CLI ({@code autoreply}, not {@code auto_reply}). */
    public String id() {
        return id;
    }

    /**
     * The verdict for a failure with this reason. {@code notaccept} is hard only when permanent: a host that
     * refuses mail for now (4xx) may take it tomorrow.
     */
    public static Verdict ofFailure(BounceReason reason, Optional<EnhancedStatusCode> status) {
        return switch (reason) {
            case USER_UNKNOWN, HOST_UNKNOWN, HAS_MOVED -> HARD;
            case NOT_ACCEPT -> status.map(EnhancedStatusCode::isTransient).orElse(false) ? SOFT : HARD;
            case ON_HOLD, UNDEFINED -> UNKNOWN;
            case FEEDBACK -> COMPLAINT;
            case VACATION -> AUTO_REPLY;
            case DELIVERED -> DELIVERED;
            default -> SOFT;
        };
    }
}
