package dev.mailgate.bounce;

import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceJudgment;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.SmtpStage;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.Optional;

/**
 * What a report says about one recipient, in the class semantics of the bounce-classifier corpus. For a delivery
 * failure it is a view of the one decision, {@link BounceJudgment} in core: {@code HARD} only when the address itself
 * is bad, {@code UNKNOWN} when the failure's reason is undetermined (it still counts, as soft: see
 * {@link BounceJudgment#counted()}), every other failure {@code SOFT}. A complaint, an auto-reply and a delivery are
 * not failures and have no reason.
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

    /** The verdict a failure's judgment gives: its class, with {@code UNDETERMINED} shown as {@code UNKNOWN}. */
    public static Verdict of(BounceJudgment judgment) {
        return switch (judgment.bounceClass()) {
            case HARD -> HARD;
            case SOFT -> SOFT;
            case UNDETERMINED -> UNKNOWN;
        };
    }

    /** The verdict for a final failure with this reason and status, at a stage the report does not name. */
    public static Verdict ofFailure(BounceReason reason, Optional<EnhancedStatusCode> status) {
        return of(BounceJudgment.of(reason, status, SmtpStage.UNKNOWN));
    }

    /** This verdict as core's class, for a failure ({@code HARD}, {@code SOFT}, {@code UNKNOWN}); empty otherwise. */
    public Optional<BounceClass> bounceClass() {
        return switch (this) {
            case HARD -> Optional.of(BounceClass.HARD);
            case SOFT -> Optional.of(BounceClass.SOFT);
            case UNKNOWN -> Optional.of(BounceClass.UNDETERMINED);
            default -> Optional.empty();
        };
    }

    /**
     * The reason column exports show for a row that is not a failure: {@code feedback}, {@code vacation},
     * {@code delivered} (the corpus' names); empty for the failure verdicts, whose reason is a {@link BounceReason}.
     */
    public String nonFailureReasonId() {
        return switch (this) {
            case COMPLAINT -> "feedback";
            case AUTO_REPLY -> "vacation";
            case DELIVERED -> "delivered";
            default -> "";
        };
    }
}
