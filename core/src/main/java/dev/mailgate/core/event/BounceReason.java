package dev.mailgate.core.event;

import java.util.Locale;
import java.util.Optional;

/**
 * The closed reason taxonomy, in the vocabulary of the de-facto standard bounce classifiers (sisimai). The
 * {@link #id()} is the lower-case name used in fixtures and exports. Only delivery failures: a delivery, a complaint
 * or an auto-reply is an event of its own ({@link MailEvent.Delivered}, {@link MailEvent.Complained},
 * {@link MailEvent.AutoReplied}), not a reason (issue 17). Whether a reason is hard or soft is
 * {@link BounceJudgment#classOf}; whose failure it is, {@link FailureSide#of}.
 */
public enum BounceReason {
    /** The mailbox does not exist. */
    USER_UNKNOWN("userunknown"),
    /** The domain has no mail host or does not exist. */
    HOST_UNKNOWN("hostunknown"),
    /** The address has moved. */
    HAS_MOVED("hasmoved"),
    /** The host accepts no mail at all (null MX, refused). */
    NOT_ACCEPT("notaccept"),
    MAILBOX_FULL("mailboxfull"),
    /** The mailbox is disabled or suspended. */
    SUSPEND("suspend"),
    /** The message exceeds the recipient's limit. */
    EXCEED_LIMIT("exceedlimit"),
    /** The message exceeds the server's size limit. */
    MESSAGE_TOO_BIG("mesgtoobig"),
    /** Rejected by the recipient's filter. */
    FILTERED("filtered"),
    /** The sender (envelope from, domain) was rejected. */
    REJECTED("rejected"),
    /** The sending IP or host is blocked or blocklisted. */
    BLOCKED("blocked"),
    SPAM_DETECTED("spamdetected"),
    VIRUS_DETECTED("virusdetected"),
    CONTENT_ERROR("contenterror"),
    POLICY_VIOLATION("policyviolation"),
    /** Authentication or TLS required or failed at the receiving site. */
    SECURITY_ERROR("securityerror"),
    /** SPF, DKIM or DMARC failed. */
    AUTH_FAILURE("authfailure"),
    REQUIRE_PTR("requireptr"),
    BAD_REPUTATION("badreputation"),
    NOT_COMPLIANT_RFC("notcompliantrfc"),
    NO_RELAYING("norelaying"),
    TOO_MANY_CONNECTIONS("toomanyconn"),
    SPEEDING("speeding"),
    NETWORK_ERROR("networkerror"),
    SYSTEM_ERROR("systemerror"),
    SYSTEM_FULL("systemfull"),
    MAILER_ERROR("mailererror"),
    /** Delivery time expired: the sending MTA gave up retrying. */
    EXPIRED("expired"),
    SYNTAX_ERROR("syntaxerror"),
    FAILED_STARTTLS("failedstarttls"),
    /** The report says delivery failed but not why: a status or reply with no words that decide. */
    ON_HOLD("onhold"),
    /** The relaying provider refused to attempt delivery because the address is on its suppression list. */
    SUPPRESSED("suppressed"),
    /** The reason cannot be determined. */
    UNDEFINED("undefined");

    private final String id;

    BounceReason(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Whose problem a failure with this reason is: the recipient's or the sender's ({@link FailureSide#of}). */
    public FailureSide side() {
        return FailureSide.of(this);
    }

    public static Optional<BounceReason> fromId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        for (BounceReason r : values()) {
            if (r.id.equals(wanted)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
