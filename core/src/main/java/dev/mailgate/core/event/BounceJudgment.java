package dev.mailgate.core.event;

import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.Objects;
import java.util.Optional;

/**
 * The one decision "hard or soft" for a delivery failure, whatever reported it: a bounce mail, a provider's webhook
 * or a callback. Bounce-codec's {@code Verdict}, the suppression policy, the provider codecs and the CLI are views
 * of it, so the same evidence (reason, status, stage) counts the same on every path (issue 17).
 *
 * <p>{@link #classOf} is the table: {@code HARD} only for the reasons that say the address itself is bad, each row
 * with its RFC 3463 / RFC 7505 ground; every other failure is {@code SOFT} (suppressing for a full mailbox, a spam
 * block or our own authentication would drop a good address); a failure whose reason is not known is
 * {@code UNDETERMINED}, which {@link #counted()} counts as {@code SOFT}: a final failure of unknown cause does count
 * toward the address, slowly (the soft threshold), never at once. {@link #of} then applies what the status and the
 * SMTP stage add:
 * <ul>
 * <li>a "user unknown", "host unknown" or "has moved" before any recipient was named
 *     ({@link SmtpStage#beforeRecipient()}) is never {@code HARD}: its words are about our host or our sender, not
 *     the recipient's mailbox (RFC 5321 section 3.3: the recipient is first named at RCPT). A host that accepts no
 *     mail says so at the greeting ({@code 554 No SMTP service here}, RFC 5321 section 3.1; RFC 7504), so
 *     {@code notaccept} stays hard there;</li>
 * <li>{@code hostunknown} and {@code notaccept} with a temporary (4.x.x) status are {@code SOFT}: a DNS lookup that
 *     failed for now (RFC 3463 X.4.3 "directory server failure") or a host refusing for now may work tomorrow;
 *     {@code userunknown} and {@code hasmoved} stay {@code HARD} in a final failure even with a 4.x.x status, because
 *     the reporting MTA retried until it gave up and the host said the same each time (Postfix's
 *     {@code unknown_local_recipient_reject_code = 450});</li>
 * <li>a reporter's own class (a provider's "hard bounce", SES's {@code Permanent}) decides only when the reason is
 *     undetermined; then a temporary status still makes it {@code SOFT}.</li>
 * </ul>
 *
 * @param bounceClass the class: {@code HARD}, {@code SOFT} or {@code UNDETERMINED}
 * @param reason the reason the class was decided from
 * @param stage the SMTP stage the refusal answered
 */
public record BounceJudgment(BounceClass bounceClass, BounceReason reason, SmtpStage stage) {
    public BounceJudgment {
        Objects.requireNonNull(bounceClass, "bounceClass");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(stage, "stage");
    }

    /** The judgment of a final failure from the evidence alone (no reporter's class). */
    public static BounceJudgment of(BounceReason reason, Optional<EnhancedStatusCode> status, SmtpStage stage) {
        return of(reason, status, stage, BounceClass.UNDETERMINED);
    }

    /**
     * The judgment of a final failure.
     *
     * @param status the RFC 3463 status, if known
     * @param stage the SMTP stage the refusal answered ({@link SmtpStage#UNKNOWN} if not said)
     * @param reportedClass the reporter's own class, {@code UNDETERMINED} when it gave none; used only when the
     *     reason is undetermined
     */
    public static BounceJudgment of(BounceReason reason, Optional<EnhancedStatusCode> status, SmtpStage stage, BounceClass reportedClass) {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reportedClass, "reportedClass");
        boolean temporary = status.map(EnhancedStatusCode::isTransient).orElse(false);
        BounceClass c = classOf(reason);
        if (c == BounceClass.UNDETERMINED && reportedClass != BounceClass.UNDETERMINED) {
            c = temporary ? BounceClass.SOFT : reportedClass;
        }
        if (c == BounceClass.HARD && stage.beforeRecipient() && reason != BounceReason.NOT_ACCEPT) {
            c = BounceClass.SOFT;
        }
        if (c == BounceClass.HARD && temporary && (reason == BounceReason.HOST_UNKNOWN || reason == BounceReason.NOT_ACCEPT)) {
            c = BounceClass.SOFT;
        }
        return new BounceJudgment(c, reason, stage);
    }

    /** The judgment of the failure a {@link Diagnostic} describes: its status, else its reply code's class. */
    public static BounceJudgment of(BounceReason reason, Diagnostic diagnostic, SmtpStage stage, BounceClass reportedClass) {
        Optional<EnhancedStatusCode> status = diagnostic.status();
        if (status.isEmpty() && diagnostic.replyCode().isPresent()) {
            int code = diagnostic.replyCode().getAsInt();
            // RFC 5321 section 4.2.1: the first digit is the class, 4 transient, 5 permanent
            if (code / 100 == 4 || code / 100 == 5) {
                status = Optional.of(new EnhancedStatusCode(code / 100, 0, 0));
            }
        }
        return of(reason, status, stage, reportedClass);
    }

    /**
     * The table: the class every reason gives by itself. Exhaustive on purpose: a new reason does not compile until
     * its row is decided here.
     */
    public static BounceClass classOf(BounceReason reason) {
        return switch (reason) {
            // RFC 3463 X.1.1 "the mailbox specified in the address does not exist"
            case USER_UNKNOWN -> BounceClass.HARD;
            // RFC 3463 X.1.2 "the destination system specified in the address does not exist"
            case HOST_UNKNOWN -> BounceClass.HARD;
            // RFC 3463 X.1.6 "the mailbox address provided was at one time valid, but mail is no longer accepted"
            case HAS_MOVED -> BounceClass.HARD;
            // RFC 7505 null MX (X.1.10 there): the domain declares that it accepts no mail at all
            case NOT_ACCEPT -> BounceClass.HARD;
            // RFC 3463 X.2.1 "mailbox disabled, not accepting messages": may be re-enabled (a suspended account,
            // an unpaid one); sisimai counts it soft, and so do the receivers' own tables (Yahoo "user is inactive")
            case SUSPEND -> BounceClass.SOFT;
            // X.2.2 mailbox full, X.2.3 over the recipient's size limit: the mailbox exists and may be emptied
            case MAILBOX_FULL, EXCEED_LIMIT -> BounceClass.SOFT;
            // the provider did not try: the address is on its list for an earlier reason; counted, not proof
            case SUPPRESSED -> BounceClass.SOFT;
            // the recipient's own filter refused this sender or message, the mailbox exists
            case FILTERED -> BounceClass.SOFT;
            // X.3.x, X.4.x: the receiving system or the network; retried, and may work later
            case SYSTEM_ERROR, SYSTEM_FULL, NETWORK_ERROR, MAILER_ERROR, EXPIRED -> BounceClass.SOFT;
            // X.7.1 refusals of our IP or host, of our envelope sender, of relaying through the wrong host
            case BLOCKED, BAD_REPUTATION, REQUIRE_PTR, REJECTED, NO_RELAYING -> BounceClass.SOFT;
            // X.4.5 / 421 / 450 throttling of our rate
            case TOO_MANY_CONNECTIONS, SPEEDING -> BounceClass.SOFT;
            // X.7.x authentication of our mail (SPF, DKIM, DMARC: X.7.23-X.7.27), TLS and AUTH (X.7.10, X.7.11)
            case AUTH_FAILURE, SECURITY_ERROR, FAILED_STARTTLS -> BounceClass.SOFT;
            // our message: spam, virus, content, format (X.6.x), size (X.3.4), syntax (X.5.x)
            case SPAM_DETECTED, VIRUS_DETECTED, CONTENT_ERROR, POLICY_VIOLATION, NOT_COMPLIANT_RFC, MESSAGE_TOO_BIG, SYNTAX_ERROR -> BounceClass.SOFT;
            // the report said it failed but not why (onhold), or nothing at all (undefined)
            case ON_HOLD, UNDEFINED -> BounceClass.UNDETERMINED;
        };
    }

    /** How the failure counts toward its address: {@code HARD} or {@code SOFT}; undetermined counts as soft. */
    public BounceClass counted() {
        return bounceClass == BounceClass.HARD ? BounceClass.HARD : BounceClass.SOFT;
    }

    /** Whose failure it is ({@link FailureSide#of}): only a recipient-side one counts toward the address. */
    public FailureSide side() {
        return FailureSide.of(reason);
    }
}
