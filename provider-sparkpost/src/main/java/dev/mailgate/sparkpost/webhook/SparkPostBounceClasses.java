package dev.mailgate.sparkpost.webhook;

import dev.mailgate.bounce.BounceClassifier;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.event.UnsubscribeScope;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * SparkPost's {@code bounce_class} codes ("Bounce Classification Codes", SparkPost support; the same Momentum codes are
 * listed with their hard/soft/block/admin category in Adobe Journey Optimizer's "Email error types", which confirms 1,
 * 10 and 20 to 25) and what each means here. The table is the one decision for {@code bounce} and
 * {@code out_of_band} events; the codec asks it and nothing else.
 *
 * <table>
 * <caption>bounce_class to MailEvent</caption>
 * <tr><th>code</th><th>name (category)</th><th>MailEvent, class, reason</th><th>why</th></tr>
 * <tr><td>1</td><td>Undetermined</td><td>Bounced UNDETERMINED, reason from {@code reason} (classifier)</td><td>SparkPost could
 *     not classify the reply</td></tr>
 * <tr><td>10</td><td>Invalid Recipient (hard)</td><td>Bounced HARD userunknown</td><td>the address is not valid</td></tr>
 * <tr><td>20</td><td>Soft Bounce (soft)</td><td>Bounced SOFT, reason from {@code reason}</td><td>a temporary failure that
 *     ran out of retries</td></tr>
 * <tr><td>21</td><td>DNS Failure (soft)</td><td>Bounced SOFT networkerror</td><td>a temporary DNS failure</td></tr>
 * <tr><td>22</td><td>Mailbox Full (soft)</td><td>Bounced SOFT mailboxfull</td><td></td></tr>
 * <tr><td>23</td><td>Too Large (soft)</td><td>Bounced SOFT mesgtoobig</td><td>the message, not the address</td></tr>
 * <tr><td>24</td><td>Timeout (soft)</td><td>Bounced SOFT expired</td><td>the message's validity expired</td></tr>
 * <tr><td>25</td><td>Admin Failure (admin)</td><td>Blocked rejected</td><td>SparkPost's own policy or configuration (a limit, a list)
 *     a configured limit) stopped it: not attempted</td></tr>
 * <tr><td>26</td><td>Smart Send Suppression (admin)</td><td>Blocked suppressed</td><td>suppressed by SparkPost before
 *     sending</td></tr>
 * <tr><td>30</td><td>Generic Bounce: No RCPT (hard)</td><td>Bounced HARD userunknown</td><td>no recipient could be
 *     determined</td></tr>
 * <tr><td>40</td><td>Generic Bounce (soft)</td><td>Bounced SOFT, reason from {@code reason}</td><td>unspecified</td></tr>
 * <tr><td>50</td><td>Mail Block (block)</td><td>Bounced SOFT blocked</td><td>the receiver blocks the sender: the sender's
 *     reputation, not the address</td></tr>
 * <tr><td>51</td><td>Spam Block (block)</td><td>Bounced SOFT blocked</td><td>blocked as a known spam source</td></tr>
 * <tr><td>52</td><td>Spam Content (block)</td><td>Bounced SOFT spamdetected</td><td>the content looked like spam</td></tr>
 * <tr><td>53</td><td>Prohibited Attachment (block)</td><td>Bounced SOFT securityerror</td><td>an attachment type the
 *     receiver refuses</td></tr>
 * <tr><td>54</td><td>Relaying Denied (block)</td><td>Bounced SOFT norelaying</td><td></td></tr>
 * <tr><td>60</td><td>Auto-Reply (soft)</td><td>AutoReplied</td><td>an automatic reply, never a bounce</td></tr>
 * <tr><td>70</td><td>Transient Failure (soft)</td><td>Bounced SOFT, reason from {@code reason}</td><td>temporary</td></tr>
 * <tr><td>80</td><td>Subscribe (admin)</td><td>Unknown</td><td>a subscribe request, nothing about delivery</td></tr>
 * <tr><td>90</td><td>Unsubscribe (hard)</td><td>Unsubscribed GLOBAL</td><td>an unsubscribe request came back</td></tr>
 * <tr><td>100</td><td>Challenge-Response (soft)</td><td>AutoReplied</td><td>a challenge-response system's automatic reply</td></tr>
 * <tr><td>other, or missing</td><td></td><td>Bounced UNDETERMINED, reason from {@code reason}</td><td>never guessed hard</td></tr>
 * </table>
 *
 * <p>Codes 26 to 100 are from SparkPost's article as this library read it; only 1 and 10 to 25 could be cross-checked
 * in the sources at hand (see the module's notes).
 */
enum SparkPostBounceClasses {
    UNDETERMINED(1, Outcome.BOUNCED, BounceClass.UNDETERMINED, BounceReason.UNDEFINED, true),
    INVALID_RECIPIENT(10, Outcome.BOUNCED, BounceClass.HARD, BounceReason.USER_UNKNOWN, false),
    SOFT_BOUNCE(20, Outcome.BOUNCED, BounceClass.SOFT, BounceReason.UNDEFINED, true),
    DNS_FAILURE(21, Outcome.BOUNCED, BounceClass.SOFT, BounceReason.NETWORK_ERROR, false),
    MAILBOX_FULL(22, Outcome.BOUNCED, BounceClass.SOFT, BounceReason.MAILBOX_FULL, false),
    TOO_LARGE(23, Outcome.BOUNCED, BounceClass.SOFT, BounceReason.MESSAGE_TOO_BIG, false),
    TIMEOUT(24, Outcome.BOUNCED, BounceClass.SOFT, BounceReason.EXPIRED, false),
    ADMIN_FAILURE(25, Outcome.BLOCKED, null, BounceReason.REJECTED, false),
    SMART_SEND_SUPPRESSION(26, Outcome.BLOCKED, null, BounceReason.SUPPRESSED, false),
    NO_RCPT(30, Outcome.BOUNCED, BounceClass.HARD, BounceReason.USER_UNKNOWN, false),
    GENERIC_BOUNCE(40, Outcome.BOUNCED, BounceClass.SOFT, BounceReason.UNDEFINED, true),
    MAIL_BLOCK(50, Outcome.BOUNCED, BounceClass.SOFT, BounceReason.BLOCKED, false),
    SPAM_BLOCK(51, Outcome.BOUNCED, BounceClass.SOFT, BounceReason.BLOCKED, false),
    SPAM_CONTENT(52, Outcome.BOUNCED, BounceClass.SOFT, BounceReason.SPAM_DETECTED, false),
    PROHIBITED_ATTACHMENT(53, Outcome.BOUNCED, BounceClass.SOFT, BounceReason.SECURITY_ERROR, false),
    RELAYING_DENIED(54, Outcome.BOUNCED, BounceClass.SOFT, BounceReason.NO_RELAYING, false),
    AUTO_REPLY(60, Outcome.AUTO_REPLIED, null, null, false),
    TRANSIENT_FAILURE(70, Outcome.BOUNCED, BounceClass.SOFT, BounceReason.UNDEFINED, true),
    SUBSCRIBE(80, Outcome.UNKNOWN, null, null, false),
    UNSUBSCRIBE(90, Outcome.UNSUBSCRIBED, null, null, false),
    CHALLENGE_RESPONSE(100, Outcome.AUTO_REPLIED, null, null, false);

    private enum Outcome { BOUNCED, BLOCKED, AUTO_REPLIED, UNSUBSCRIBED, UNKNOWN }

    private static final Map<Integer, SparkPostBounceClasses> BY_CODE = Stream.of(values()).collect(Collectors.toMap(c -> c.code, Function.identity()));

    final int code;
    private final Outcome outcome;
    private final BounceClass bounceClass;
    private final BounceReason reason;
    private final boolean refine;

    SparkPostBounceClasses(int code, Outcome outcome, BounceClass bounceClass, BounceReason reason, boolean refine) {
        this.code = code;
        this.outcome = outcome;
        this.bounceClass = bounceClass;
        this.reason = reason;
        this.refine = refine;
    }

    /** The event of a bounce with this {@code bounce_class} (empty when absent or not a number). */
    static MailEvent event(Optional<Integer> bounceClass, EventDetails d, Diagnostic diag, String kind) {
        Optional<SparkPostBounceClasses> row = bounceClass.map(BY_CODE::get);
        if (row.isEmpty()) {
            return new MailEvent.Bounced(d, BounceClass.UNDETERMINED, classified(diag).orElse(BounceReason.UNDEFINED), diag);
        }
        SparkPostBounceClasses c = row.get();
        return switch (c.outcome) {
            case BOUNCED -> new MailEvent.Bounced(d, c.bounceClass, c.refine ? classified(diag).orElse(c.reason) : c.reason, diag);
            case BLOCKED -> new MailEvent.Blocked(d, c.reason, diag);
            case AUTO_REPLIED -> new MailEvent.AutoReplied(d);
            case UNSUBSCRIBED -> new MailEvent.Unsubscribed(d, UnsubscribeScope.GLOBAL);
            case UNKNOWN -> new MailEvent.Unknown(d, kind + "/bounce_class " + c.code);
        };
    }

    /** The reason the receiver's words give, when the classifier can tell. */
    static Optional<BounceReason> classified(Diagnostic diag) {
        if (diag.text().isBlank() && diag.status().isEmpty()) {
            return Optional.empty();
        }
        BounceReason r = BounceClassifier.reason(diag.status(), diag.text());
        return r == BounceReason.UNDEFINED || r == BounceReason.ON_HOLD ? Optional.empty() : Optional.of(r);
    }
}
