package dev.mailgate.bounce;

import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.SmtpStage;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a report says about one recipient.
 *
 * @param recipient the failed address as the report names it (RFC 3464 Final-Recipient, lower-cased domain)
 * @param verdict hard, soft or unknown for a failure (a view of core's {@code BounceJudgment}); complaint, auto-reply
 *     or delivered otherwise
 * @param reason the failure's reason; empty for a complaint, an auto-reply or a delivery, which are not failures
 * @param status the RFC 3463 status the report carried, if any; see {@link #effectiveStatus()}
 * @param replyCode the SMTP reply code the report quotes, if any
 * @param diagnostic the remote server's words (Diagnostic-Code or the quoted reply), white space collapsed
 * @param action RFC 3464 Action ({@code failed}, {@code delayed}, ...), if the report says
 * @param originalRecipient RFC 3464 Original-Recipient, if given
 * @param reportingMta the MTA that wrote the report
 * @param remoteMta the MTA that refused the message, if known
 * @param stage the SMTP stage the refusal answered, as the report says it ({@link SmtpStage#UNKNOWN} if not)
 */
public record BounceRecipient(String recipient, Verdict verdict, Optional<BounceReason> reason, Optional<EnhancedStatusCode> status,
        OptionalInt replyCode, String diagnostic, Optional<String> action, Optional<String> originalRecipient,
        Optional<String> reportingMta, Optional<String> remoteMta, SmtpStage stage) {

    public BounceRecipient {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        if (reason.isPresent() != verdict.bounceClass().isPresent()) {
            throw new IllegalArgumentException("a " + verdict.id() + " row " + (reason.isPresent() ? "has no" : "needs a") + " failure reason");
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(replyCode, "replyCode");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(originalRecipient, "originalRecipient");
        Objects.requireNonNull(reportingMta, "reportingMta");
        Objects.requireNonNull(remoteMta, "remoteMta");
        Objects.requireNonNull(stage, "stage");
    }

    /** Whether this row is a delivery failure (hard, soft or undetermined), which has a {@link #reason()}. */
    public boolean isFailure() {
        return reason.isPresent();
    }

    /**
     * The reason as exports name it: the failure reason's id, or for the other rows {@code feedback},
     * {@code vacation} or {@code delivered} ({@link Verdict#nonFailureReasonId()}).
     */
    public String reasonId() {
        return reason.map(BounceReason::id).orElseGet(verdict::nonFailureReasonId);
    }

    /** Whether the failure is temporary: {@code Action: delayed}, a 4.x.x status or a 4xx reply. */
    public boolean isTransient() {
        if (action.filter("delayed"::equalsIgnoreCase).isPresent()) {
            return true;
        }
        if (status.isPresent()) {
            return status.get().isTransient();
        }
        return replyCode.isPresent() && replyCode.getAsInt() / 100 == 4;
    }

    /**
     * Whether the reporting MTA is still trying to deliver: {@code Action: delayed}, or, in a report without an
     * Action field, a temporary failure. An MTA that reports {@code Action: failed} has given up and returned the
     * message, whatever its status class (Postfix returns a 4.x.x failure after its queue lifetime).
     */
    public boolean isStillTrying() {
        return action.map("delayed"::equalsIgnoreCase).orElseGet(this::isTransient);
    }

    /**
     * The reported status, or when the report carried none, the RFC 3463 code that states the reason
     * ({@code userunknown} is {@code 5.1.1}) with class 4 for a temporary failure; {@code x.0.0} when the reason
     * has no specific code. Exports use it so that every failure row has a status.
     */
    public Optional<EnhancedStatusCode> effectiveStatus() {
        if (status.isPresent() || verdict == Verdict.COMPLAINT || verdict == Verdict.AUTO_REPLY) {
            return status;
        }
        if (verdict == Verdict.DELIVERED) {
            return Optional.of(new EnhancedStatusCode(2, 0, 0));
        }
        return Optional.of(StatusForReason.of(reason.orElse(BounceReason.UNDEFINED), isTransient() ? 4 : 5));
    }
}
