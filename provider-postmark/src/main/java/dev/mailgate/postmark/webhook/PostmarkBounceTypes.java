package dev.mailgate.postmark.webhook;

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
 * Postmark's bounce {@code TypeCode}s ("Bounce types", https://postmarkapp.com/developer/api/bounce-api#bounce-types;
 * the codes and names checked against Postmark's own client libraries' BounceTypeCode enums) and what each means
 * here. The table is the one decision: the codec asks it and nothing else.
 *
 * <table>
 * <caption>Bounce TypeCode to MailEvent</caption>
 * <tr><th>code</th><th>Type</th><th>MailEvent, class, reason</th><th>why</th></tr>
 * <tr><td>1</td><td>HardBounce</td><td>Bounced HARD, reason from {@code Details} (classifier), else userunknown</td><td>"unable
 *     to deliver (unknown user, mailbox not found)": Postmark deactivates the address</td></tr>
 * <tr><td>2</td><td>Transient</td><td>Deferred, reason from {@code Details}, else undefined</td><td>"could not temporarily
 *     deliver (delayed due to network troubles)": still being tried</td></tr>
 * <tr><td>16</td><td>Unsubscribe</td><td>Unsubscribed GLOBAL</td><td>an unsubscribe or remove request came back from the
 *     recipient</td></tr>
 * <tr><td>32</td><td>Subscribe</td><td>Unknown</td><td>a subscribe request: nothing about this message's delivery</td></tr>
 * <tr><td>64</td><td>AutoResponder</td><td>AutoReplied</td><td>an "Out of Office" style automatic reply, never a bounce</td></tr>
 * <tr><td>128</td><td>AddressChange</td><td>Bounced HARD hasmoved</td><td>the recipient says the address changed: this one
 *     is going away</td></tr>
 * <tr><td>256</td><td>DnsError</td><td>Bounced SOFT networkerror</td><td>"a temporary DNS error": nothing wrong with the
 *     address</td></tr>
 * <tr><td>512</td><td>SpamNotification</td><td>Bounced SOFT filtered</td><td>delivered, but blocked by the user or filed
 *     as spam/bulk: the content, not the address</td></tr>
 * <tr><td>1024</td><td>OpenRelayTest</td><td>Unknown</td><td>a relay test, not about this message</td></tr>
 * <tr><td>2048</td><td>Unknown</td><td>Bounced UNDETERMINED, reason from {@code Details}, else undefined</td><td>Postmark could
 *     not classify it either</td></tr>
 * <tr><td>4096</td><td>SoftBounce</td><td>Bounced SOFT, reason from {@code Details}, else undefined</td><td>"mailbox full, account
 *     disabled, exceeds quota, out of disk space": temporary conditions</td></tr>
 * <tr><td>8192</td><td>VirusNotification</td><td>Bounced SOFT virusdetected</td><td>the receiver found a virus in the
 *     content</td></tr>
 * <tr><td>16384</td><td>ChallengeVerification</td><td>AutoReplied</td><td>a challenge-response system asks the sender to
 *     prove itself: an automatic reply</td></tr>
 * <tr><td>100000</td><td>BadEmailAddress</td><td>Bounced HARD userunknown</td><td>"not a valid email address"</td></tr>
 * <tr><td>100001</td><td>SpamComplaint</td><td>Complained</td><td>the recipient marked the message as spam</td></tr>
 * <tr><td>100002</td><td>ManuallyDeactivated</td><td>Blocked suppressed</td><td>someone deactivated the address in Postmark:
 *     nothing is sent to it</td></tr>
 * <tr><td>100003</td><td>Unconfirmed</td><td>Blocked suppressed</td><td>the subscriber never confirmed: Postmark will not
 *     send</td></tr>
 * <tr><td>100006</td><td>Blocked</td><td>Bounced SOFT, reason from {@code Details}, else blocked</td><td>"blocked from this ISP
 *     due to content or blacklisting": the sender's reputation or content, not the address</td></tr>
 * <tr><td>100007</td><td>SMTPApiError</td><td>Blocked rejected</td><td>Postmark's SMTP service refused the message: the
 *     sender's side, nothing was attempted</td></tr>
 * <tr><td>100008</td><td>InboundError</td><td>Unknown</td><td>inbound processing, not an outgoing message</td></tr>
 * <tr><td>100009</td><td>DMARCPolicy</td><td>Bounced SOFT authfailure</td><td>refused by the sender domain's DMARC policy: fix
 *     the sender's authentication, the address is fine</td></tr>
 * <tr><td>100010</td><td>TemplateRenderingFailed</td><td>Blocked contenterror</td><td>the template did not render, so
 *     nothing was sent</td></tr>
 * <tr><td>any other</td><td>(new)</td><td>Bounced UNDETERMINED, reason from {@code Details}</td><td>a code added after this
 *     table: kept as a failure, never guessed hard</td></tr>
 * </table>
 */
enum PostmarkBounceTypes {
    HARD_BOUNCE(1, "HardBounce", Outcome.BOUNCED, BounceClass.HARD, BounceReason.USER_UNKNOWN, true),
    TRANSIENT(2, "Transient", Outcome.DEFERRED, null, BounceReason.UNDEFINED, true),
    UNSUBSCRIBE(16, "Unsubscribe", Outcome.UNSUBSCRIBED, null, null, false),
    SUBSCRIBE(32, "Subscribe", Outcome.UNKNOWN, null, null, false),
    AUTO_RESPONDER(64, "AutoResponder", Outcome.AUTO_REPLIED, null, null, false),
    ADDRESS_CHANGE(128, "AddressChange", Outcome.BOUNCED, BounceClass.HARD, BounceReason.HAS_MOVED, false),
    DNS_ERROR(256, "DnsError", Outcome.BOUNCED, BounceClass.SOFT, BounceReason.NETWORK_ERROR, false),
    SPAM_NOTIFICATION(512, "SpamNotification", Outcome.BOUNCED, BounceClass.SOFT, BounceReason.FILTERED, false),
    OPEN_RELAY_TEST(1024, "OpenRelayTest", Outcome.UNKNOWN, null, null, false),
    UNKNOWN(2048, "Unknown", Outcome.BOUNCED, BounceClass.UNDETERMINED, BounceReason.UNDEFINED, true),
    SOFT_BOUNCE(4096, "SoftBounce", Outcome.BOUNCED, BounceClass.SOFT, BounceReason.UNDEFINED, true),
    VIRUS_NOTIFICATION(8192, "VirusNotification", Outcome.BOUNCED, BounceClass.SOFT, BounceReason.VIRUS_DETECTED, false),
    CHALLENGE_VERIFICATION(16384, "ChallengeVerification", Outcome.AUTO_REPLIED, null, null, false),
    BAD_EMAIL_ADDRESS(100000, "BadEmailAddress", Outcome.BOUNCED, BounceClass.HARD, BounceReason.USER_UNKNOWN, false),
    SPAM_COMPLAINT(100001, "SpamComplaint", Outcome.COMPLAINED, null, null, false),
    MANUALLY_DEACTIVATED(100002, "ManuallyDeactivated", Outcome.BLOCKED, null, BounceReason.SUPPRESSED, false),
    UNCONFIRMED(100003, "Unconfirmed", Outcome.BLOCKED, null, BounceReason.SUPPRESSED, false),
    BLOCKED(100006, "Blocked", Outcome.BOUNCED, BounceClass.SOFT, BounceReason.BLOCKED, true),
    SMTP_API_ERROR(100007, "SMTPApiError", Outcome.BLOCKED, null, BounceReason.REJECTED, false),
    INBOUND_ERROR(100008, "InboundError", Outcome.UNKNOWN, null, null, false),
    DMARC_POLICY(100009, "DMARCPolicy", Outcome.BOUNCED, BounceClass.SOFT, BounceReason.AUTH_FAILURE, false),
    TEMPLATE_RENDERING_FAILED(100010, "TemplateRenderingFailed", Outcome.BLOCKED, null, BounceReason.CONTENT_ERROR, false);

    private enum Outcome { BOUNCED, DEFERRED, BLOCKED, UNSUBSCRIBED, AUTO_REPLIED, COMPLAINED, UNKNOWN }

    private static final Map<Integer, PostmarkBounceTypes> BY_CODE = Stream.of(values()).collect(Collectors.toMap(t -> t.code, Function.identity()));

    final int code;
    final String type;
    private final Outcome outcome;
    private final BounceClass bounceClass;
    private final BounceReason reason;
    /** Whether the receiver's words in {@code Details} may name a more precise reason than the row's. */
    private final boolean refine;

    PostmarkBounceTypes(int code, String type, Outcome outcome, BounceClass bounceClass, BounceReason reason, boolean refine) {
        this.code = code;
        this.type = type;
        this.outcome = outcome;
        this.bounceClass = bounceClass;
        this.reason = reason;
        this.refine = refine;
    }

    static Optional<PostmarkBounceTypes> of(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** The event for a bounce record of this type; {@code kind} names it when it is Unknown. */
    MailEvent event(EventDetails d, Diagnostic diag) {
        return switch (outcome) {
            case BOUNCED -> new MailEvent.Bounced(d, bounceClass, refined(diag), diag);
            case DEFERRED -> new MailEvent.Deferred(d, refined(diag), diag);
            case BLOCKED -> new MailEvent.Blocked(d, reason, diag);
            case UNSUBSCRIBED -> new MailEvent.Unsubscribed(d, UnsubscribeScope.GLOBAL);
            case AUTO_REPLIED -> new MailEvent.AutoReplied(d);
            case COMPLAINED -> new MailEvent.Complained(d, Optional.empty());
            case UNKNOWN -> new MailEvent.Unknown(d, "Bounce/" + type);
        };
    }

    /** A code this table does not know: a failure of some kind, its class left open. */
    static MailEvent unlisted(EventDetails d, Diagnostic diag) {
        return new MailEvent.Bounced(d, BounceClass.UNDETERMINED, classified(diag).orElse(BounceReason.UNDEFINED), diag);
    }

    private BounceReason refined(Diagnostic diag) {
        return refine ? classified(diag).orElse(reason) : reason;
    }

    private static Optional<BounceReason> classified(Diagnostic diag) {
        if (diag.text().isBlank() && diag.status().isEmpty()) {
            return Optional.empty();
        }
        BounceReason r = BounceClassifier.reason(diag.status(), diag.text());
        // onhold is the classifier's "could not tell" (sisimai's OnHold): the row's own reason says more than that
        return r == BounceReason.UNDEFINED || r == BounceReason.ON_HOLD ? Optional.empty() : Optional.of(r);
    }
}
