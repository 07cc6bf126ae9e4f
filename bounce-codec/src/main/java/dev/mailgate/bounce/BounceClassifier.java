package dev.mailgate.bounce;

import dev.mailgate.bounce.internal.classify.Classifier;
import dev.mailgate.bounce.internal.read.Replies;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceJudgment;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.SmtpStage;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.Optional;

/**
 * The reason of a failure from a status and a diagnostic, with the same rules as bounce mails (see
 * {@code bounce-codec/README.md}): for providers whose webhooks carry an SMTP response but no reason.
 */
public final class BounceClassifier {
    private BounceClassifier() {
    }

    /**
     * @param status the RFC 3463 status, if the provider gave one; otherwise the one in the diagnostic is used
     * @param diagnostic the remote server's reply, e.g. {@code 550 5.1.1 <a@b>: user unknown}
     */
    public static BounceReason reason(Optional<EnhancedStatusCode> status, String diagnostic) {
        Optional<EnhancedStatusCode> s = status.or(() -> Replies.status(diagnostic));
        boolean temporary = s.map(EnhancedStatusCode::isTransient)
                .orElse(Replies.replyCode(diagnostic).stream().anyMatch(c -> c / 100 == 4));
        return Classifier.reason(s, diagnostic, "", temporary, true, Replies.command(diagnostic), "", Replies.replyCode(diagnostic));
    }

    /**
     * The SMTP stage a quoted reply says it answered, in the words MTAs use ("in reply to RCPT TO command", "after
     * end of data", Sendmail's {@code >>> DATA}); {@link SmtpStage#UNKNOWN} when it does not say.
     */
    public static SmtpStage stage(String diagnostic) {
        return Replies.command(diagnostic).map(SmtpStage::ofCommand).orElse(SmtpStage.UNKNOWN);
    }

    /**
     * The judgment of a final failure a provider reported with this diagnostic, by the same rules as a bounce mail:
     * the reason from {@link #reason}, then core's {@link BounceJudgment}. A diagnostic with neither text nor status
     * has reason {@code undefined}.
     *
     * @param reportedClass the provider's own class, {@code UNDETERMINED} when it gives none
     */
    public static BounceJudgment judgment(Diagnostic diagnostic, BounceClass reportedClass) {
        BounceReason reason = diagnostic.text().isBlank() && diagnostic.status().isEmpty() ? BounceReason.UNDEFINED
                : reason(diagnostic.status(), diagnostic.text());
        SmtpStage stage = diagnostic.stage() != SmtpStage.UNKNOWN ? diagnostic.stage() : stage(diagnostic.text());
        return BounceJudgment.of(reason, diagnostic, stage, reportedClass);
    }
}
