package dev.mailgate.core.event;

/**
 * Whom a delivery failure says something about. Only {@link #RECIPIENT} failures count toward an address's
 * bounce threshold; a {@link #SENDER} failure is a block or throttle aimed at us (our IP or domain reputation, our
 * rate, our authentication, our message), and suppressing the recipient for it would drop a good address (issue 19)
 * — it is a signal for the sender to act on instead.
 *
 * <p>The reasons are sisimai's (the de-facto vocabulary of bounce classifiers), each with its definition there and
 * the RFC 3463 status classes it usually comes with; {@link #of} is the one place the split is decided, and
 * {@code docs/suppression.md} lists it row by row.
 */
public enum FailureSide {
    /** The address, the mailbox or the recipient's mail system: counts toward the address. */
    RECIPIENT,
    /** Our sending: reputation, rate, authentication, TLS, message content or size; never counts toward the address. */
    SENDER;

    /** The one decision "recipient-side or sender-side", by reason. */
    public static FailureSide of(BounceReason reason) {
        return switch (reason) {
            // X.1.x (addressing) and X.2.x (mailbox) status: the address or mailbox itself
            case USER_UNKNOWN, HOST_UNKNOWN, HAS_MOVED, NOT_ACCEPT, MAILBOX_FULL, SUSPEND, EXCEED_LIMIT, SUPPRESSED -> RECIPIENT;
            // the recipient's own filter (sisimai "filtered": refused by the recipient's settings, X.2.0/X.7.1 after DATA)
            case FILTERED -> RECIPIENT;
            // X.3.x / X.4.x of the receiving side: its system or network, retried until it expires
            case SYSTEM_ERROR, SYSTEM_FULL, NETWORK_ERROR, MAILER_ERROR, EXPIRED -> RECIPIENT;
            // nothing says it is ours: a final failure of unknown cause counts, as soft bounces always have (the
            // generic SMTP integration's softbounce carries no reason at all)
            case UNDEFINED, ON_HOLD -> RECIPIENT;
            // X.7.1 policy refusals of our IP or host, blocklists, reputation, missing PTR
            case BLOCKED, BAD_REPUTATION, REQUIRE_PTR -> SENDER;
            // the envelope sender (X.1.7/X.1.8) or relaying through the wrong host (X.7.1): our configuration
            case REJECTED, NO_RELAYING -> SENDER;
            // X.4.5 / 421 / 450 throttling: too many connections or messages from us
            case TOO_MANY_CONNECTIONS, SPEEDING -> SENDER;
            // X.7.x authentication of our mail (SPF, DKIM, DMARC: X.7.23-X.7.27), TLS and AUTH requirements (X.7.10, X.7.11)
            case AUTH_FAILURE, SECURITY_ERROR, FAILED_STARTTLS -> SENDER;
            // our message: judged spam or virus (X.7.1), its content or format (X.6.x), its size (X.3.4)
            case SPAM_DETECTED, VIRUS_DETECTED, CONTENT_ERROR, POLICY_VIOLATION, NOT_COMPLIANT_RFC, MESSAGE_TOO_BIG, SYNTAX_ERROR -> SENDER;
        };
    }
}
