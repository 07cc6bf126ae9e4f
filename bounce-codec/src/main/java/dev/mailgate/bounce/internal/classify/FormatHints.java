package dev.mailgate.bounce.internal.classify;

import dev.mailgate.bounce.internal.mime.HeaderList;
import dev.mailgate.core.event.BounceReason;
import java.util.Locale;
import java.util.Optional;

/**
 * What a reporting system's own format says when its words do not: notices that are always about one kind of
 * failure, in whatever language they are written. Used only when the diagnostic and status left the reason open.
 */
public final class FormatHints {
    private FormatHints() {
    }

    /**
     * Receiving systems whose words mean something else than they say. KDDI (au, {@code ezweb.ne.jp}) answers
     * {@code 550 : User unknown}, with the address left empty, when the recipient's domain filter refused the
     * sender; a mailbox that does not exist gets {@code 550 <address>: User unknown}.
     */
    public static BounceReason corrected(String recipient, String diagnostic, BounceReason reason) {
        if (reason == BounceReason.USER_UNKNOWN && recipient.toLowerCase(Locale.ROOT).endsWith("ezweb.ne.jp")
                && diagnostic.toLowerCase(Locale.ROOT).contains(" : user unknown")) {
            return BounceReason.FILTERED;
        }
        return reason;
    }

    /**
     * Content-filtering gateways (McAfee Email Gateway, SurfControl E-mail Filter, Active!Hunter) sit in front of
     * the mail store and do not know its mailboxes: their "user unknown" is their own filter's refusal.
     */
    public static boolean isFilteringGateway(HeaderList headers, String body) {
        if (headers.has("X-NAI-Header") || headers.firstOrEmpty("X-Mailer").contains("SurfControl") || headers.has("X-SEF-Processed")) {
            return true;
        }
        return headers.firstOrEmpty("Content-Type").contains("Active!Hunter") || body.contains("Active!Hunter");
    }

    public static Optional<BounceReason> reasonOf(HeaderList headers, String text) {
        String from = headers.firstOrEmpty("From").toLowerCase(Locale.ROOT);
        String failed = String.join(",", headers.all("X-Failed-Recipients")).toLowerCase(Locale.ROOT);
        // Google Groups answers a post it will not distribute (no such group, or the sender may not post) with a
        // localized notice and no SMTP reply; either way the sender was refused
        if ((from.contains("@googlemail.com") || from.contains("@google.com"))
                && (failed.contains("@googlegroups.com") || text.contains("groups.google.com"))) {
            return Optional.of(BounceReason.REJECTED);
        }
        return Optional.empty();
    }
}
