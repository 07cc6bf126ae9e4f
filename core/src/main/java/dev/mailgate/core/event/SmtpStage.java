package dev.mailgate.core.event;

import java.util.Locale;

/**
 * The step of the SMTP transaction (RFC 5321 section 3) a refusal answered. It says what the refusal can be about:
 * before any recipient was named ({@link #CONNECT}, {@link #MAIL}) it cannot be about the recipient's mailbox; at
 * {@link #RCPT} the receiving host judged the address; at {@link #DATA} or {@link #AFTER_DATA} it judged the
 * message, often through a content filter that does not know the mailboxes.
 */
public enum SmtpStage {
    /** The greeting, EHLO/HELO or STARTTLS: about the connecting host (RFC 5321 section 3.1, 4.1.1.1). */
    CONNECT,
    /** MAIL FROM: about the envelope sender (RFC 5321 section 4.1.1.2). */
    MAIL,
    /** RCPT TO: about the recipient's address (RFC 5321 section 4.1.1.3). */
    RCPT,
    /** The DATA command itself, before any content was sent (RFC 5321 section 4.1.1.4, the reply to DATA). */
    DATA,
    /** The end of the content ({@code <CRLF>.<CRLF>}), or a delivery attempt after the host accepted the message. */
    AFTER_DATA,
    /** The report does not say. */
    UNKNOWN;

    /**
     * The stage of a command name as bounce reports quote it ({@code RCPT}, {@code MAIL}, {@code DATA},
     * {@code EHLO}, {@code HELO}, {@code STARTTLS}, {@code AUTH}, {@code CONNECT}); anything else is {@link #UNKNOWN}.
     * A report's "DATA" is nearly always the reply to the end of the content (Postfix "in reply to end of DATA
     * command"), so {@code DATA} maps to {@link #AFTER_DATA}; use {@link #DATA} only for a refusal of the command.
     */
    public static SmtpStage ofCommand(String command) {
        return switch (command.strip().toUpperCase(Locale.ROOT)) {
            case "CONNECT", "HELO", "EHLO", "STARTTLS", "AUTH" -> CONNECT;
            case "MAIL" -> MAIL;
            case "RCPT" -> RCPT;
            case "DATA", "END-OF-DATA", "BDAT" -> AFTER_DATA;
            default -> UNKNOWN;
        };
    }

    /** Before a recipient was named: a refusal here cannot say the recipient's address is bad. */
    public boolean beforeRecipient() {
        return this == CONNECT || this == MAIL;
    }
}
