package dev.mailgate.bounce.internal.classify;

import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides the reason of one failed recipient from what the report carried. The order, and so which wins when the
 * status code and the words disagree:
 * <ol>
 * <li>the remote server's words in the diagnostic ({@link ReasonText}) win: status codes are often generic or wrong
 *     for the case (MTAs answer {@code 5.2.1} or {@code 5.1.1} to every refused RCPT, "550 5.1.1 ... has sent to too
 *     many recipients this hour" is a rate limit), while the words are specific;</li>
 * <li>otherwise a status that states one reason by itself ({@code 5.1.1}, {@code 5.2.2}, {@code 5.7.26} ...; see
 *     {@link StatusReason});</li>
 * <li>otherwise the words of the notification around it (an MTA that explains instead of quoting);</li>
 * <li>otherwise {@code onhold}: the report says it failed, but not why.</li>
 * </ol>
 * Then corrections by what the reply answered: "user unknown" in reply to DATA (after the recipient was accepted
 * at RCPT) is a filter, {@code filtered}; in reply to MAIL FROM it is about the sender, {@code rejected}. And two
 * corrections for temporary failures: a host that "does not exist" with a 4.x.x status is a DNS failure
 * ({@code networkerror}), not proof that the host is gone; and a network failure the MTA has stopped retrying
 * ({@code Action: failed} with a 4.x.x status) is {@code expired}.
 */
public final class Classifier {
    private static final Pattern TIMED_OUT = Pattern.compile("(?i)timed out|timeout|not reachable|establish an smtp connection");

    private Classifier() {
    }

    /**
     * @param temporary the failure was reported as temporary (4.x.x status, or a 4xx reply without status)
     * @param gaveUp the reporting MTA stopped trying (anything but {@code Action: delayed})
     */
    public static BounceReason reason(Optional<EnhancedStatusCode> status, String diagnostic, String context, boolean temporary,
            boolean gaveUp, Optional<String> command) {
        BounceReason reason = ReasonText.find(diagnostic)
                .or(() -> status.flatMap(StatusReason::of))
                .or(() -> ReasonText.find(context))
                .orElse(BounceReason.ON_HOLD);
        // a server that accepted the recipient at RCPT and then says "user unknown" to the content did not fail to
        // find the mailbox: a filter refused the message (and the same words to MAIL FROM are about the sender)
        boolean saysMailbox = status.map(s -> s.subject() == 1 && s.detail() == 1).orElse(false);
        // a security/policy status (x.7.x) with "user unknown" words: the refusal is a policy, not a missing mailbox
        if (reason == BounceReason.USER_UNKNOWN && status.map(s -> s.subject() == 7).orElse(false)) {
            return BounceReason.FILTERED;
        }
        if (reason == BounceReason.USER_UNKNOWN && command.filter("DATA"::equals).isPresent() && !saysMailbox) {
            return BounceReason.FILTERED;
        }
        if (reason == BounceReason.USER_UNKNOWN && command.filter("MAIL"::equals).isPresent() && !saysMailbox) {
            return BounceReason.REJECTED;
        }
        if (temporary && reason == BounceReason.HOST_UNKNOWN) {
            return BounceReason.NETWORK_ERROR;
        }
        if (temporary && gaveUp && reason == BounceReason.NETWORK_ERROR && TIMED_OUT.matcher(diagnostic).find()) {
            return BounceReason.EXPIRED;
        }
        // RFC 3463 x.2.3: the message is over the *recipient's* limit, not the server's
        if (reason == BounceReason.MESSAGE_TOO_BIG && status.map(s -> s.subject() == 2 && s.detail() == 3).orElse(false)) {
            return BounceReason.EXCEED_LIMIT;
        }
        return reason;
    }
}
