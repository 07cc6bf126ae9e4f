package dev.mailgate.bounce;

import dev.mailgate.bounce.internal.classify.Classifier;
import dev.mailgate.bounce.internal.read.Replies;
import dev.mailgate.core.event.BounceReason;
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
}
