package dev.mailgate.core.event;

import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the remote MTA said about a failure or delivery.
 *
 * @param status the RFC 3463 status, if known
 * @param replyCode the SMTP reply code, if the report quotes one
 * @param text the MTA's response text (empty when none was given)
 * @param remoteMta the host that answered, if known
 * @param stage the SMTP stage the reply answered, {@link SmtpStage#UNKNOWN} when the reporter does not say; part of
 *     the evidence {@link BounceJudgment} decides from, so that it travels with the event
 */
public record Diagnostic(Optional<EnhancedStatusCode> status, OptionalInt replyCode, String text, Optional<String> remoteMta,
        SmtpStage stage) {
    public static final Diagnostic NONE = new Diagnostic(Optional.empty(), OptionalInt.empty(), "", Optional.empty());

    /** A diagnostic whose stage is not known (most webhooks quote the reply without the command it answered). */
    public Diagnostic(Optional<EnhancedStatusCode> status, OptionalInt replyCode, String text, Optional<String> remoteMta) {
        this(status, replyCode, text, remoteMta, SmtpStage.UNKNOWN);
    }

    public Diagnostic {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(replyCode, "replyCode");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(remoteMta, "remoteMta");
        Objects.requireNonNull(stage, "stage");
    }

    /** A diagnostic from text, taking the status from it if it has one. */
    public static Diagnostic ofText(String text) {
        return new Diagnostic(EnhancedStatusCode.find(text), OptionalInt.empty(), text, Optional.empty());
    }
}
