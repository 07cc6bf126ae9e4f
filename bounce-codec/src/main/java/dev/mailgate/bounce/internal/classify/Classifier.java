package dev.mailgate.bounce.internal.classify;

import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Decides the reason of one failed recipient from what the report carried. The order, and so which wins when the
 * status code and the words disagree:
 * <ol>
 * <li>a receiving host's published code table, when the reply comes from one ({@link ReceivingHosts});</li>
 * <li>an enhanced status whose detail is specific and not reused for other refusals: the RFC 7372 authentication
 *     codes ({@link StatusReason#decisive});</li>
 * <li>a receiver's or an MTA's published text for one reason ({@link PublishedTexts});</li>
 * <li>the remote server's words in the diagnostic ({@link ReasonText}) win: status codes are often generic or wrong
 *     for the case (MTAs answer {@code 5.2.1} or {@code 5.1.1} to every refused RCPT, "550 5.1.1 ... has sent to too
 *     many recipients this hour" is a rate limit), while the words are specific;</li>
 * <li>otherwise a status that states one reason by itself ({@code 5.1.1}, {@code 5.2.2}, {@code 5.7.26} ...; see
 *     {@link StatusReason});</li>
 * <li>otherwise the words of the notification around it (an MTA that explains instead of quoting);</li>
 * <li>otherwise {@code onhold}: the report says it failed, but not why.</li>
 * </ol>
 * Then corrections by what the reply answered: a refusal at the greeting is {@code blocked} and at MAIL FROM
 * {@code rejected} when its words were about an address or nothing; "user unknown" is a filter's refusal
 * ({@code filtered}) unless the status or the RCPT command makes it the mailbox's; a bare x.7.x or x.6.x says
 * {@code securityerror} or {@code contenterror}. And corrections for temporary failures: a host that "does not
 * exist" with a 4.x.x status is a DNS failure ({@code networkerror}), not proof that the host is gone; and a
 * network failure the MTA has stopped retrying ({@code Action: failed} with a 4.x.x status) is {@code expired}.
 */
public final class Classifier {
    /**
     * A mail store's own statement that it searched its directory: Domino "not listed in Domino Directory" and
     * Notes "User not listed in public Name &amp; Address Book", Exchange "The recipient name is not recognized" (its
     * code 000C05A6 "Unknown Recipient"), Exchange Online "the address couldn't be found", qmail "no mailbox here by
     * that name", IMail "Unknown user" / "Invalid final delivery userid" at the start of its line, an MMS gateway's
     * "No valid recipients" or "no such user here".
     */
    private static final Pattern DIRECTORY_LOOKUP = Pattern.compile(
            "(?i)not listed in (the )?(domino )?directory|not listed in public name & address book|ディレクトリのリストにありません|"
                    + "non répertorié dans l'annuaire domino|domino ディレクトリには見つかりません|"
                    + "recipient name is not recognized|\\(000c05a6\\)|unknown recipient|couldn't be found|could not be found|"
                    + "no valid recipients?|no mailbox here by that name|invalid final delivery userid|no such user here|^unknown user");
    private static final Pattern MAILER_EXIT_TEXT = Pattern.compile("(?i)[245]\\d\\d <[^>]*>\\.\\.\\. service unavailable\\b");
    private static final Pattern TIMED_OUT = Pattern.compile("(?i)timed out|timeout|not reachable|establish an smtp connection|"
            + "connection refused");
    private static final String EXIM_GAVE_UP = "retry timeout exceeded";

    private Classifier() {
    }

    /**
     * @param temporary the failure was reported as temporary (4.x.x status, or a 4xx reply without status)
     * @param gaveUp the reporting MTA stopped trying (anything but {@code Action: delayed})
     * @param remoteMta the refusing MTA's name, empty when the report does not say (see {@link ReceivingHosts})
     */
    public static BounceReason reason(Optional<EnhancedStatusCode> status, String diagnostic, String context, boolean temporary,
            boolean gaveUp, Optional<String> command, String remoteMta, OptionalInt replyCode) {
        Optional<BounceReason> byHost = ReceivingHosts.reasonOf(remoteMta, diagnostic, replyCode, status, command);
        if (byHost.isPresent()) {
            return byHost.get();
        }
        // A local mailer's exit text ("X-Unix; input/output error") says how the mailer failed, not why; a status
        // that states a reason (Postfix's 5.2.2 for a mailbox over its size limit) says why
        // -- except x.3.5, which Postfix's sys_exits table (src/global/sys_exits.c) gives a mailer that exited
        // EX_CONFIG ("local configuration error"): there the status is the mailer's exit code, the mailer's failure
        if (startsWithAsciiIgnoreCase(diagnostic, "x-unix;")) {
            Optional<BounceReason> byStatus = status.filter(s -> !(s.subject() == 3 && s.detail() == 5)).flatMap(StatusReason::of);
            if (byStatus.isPresent()) {
                return byStatus.get();
            }
        }
        // Sendmail's "554 <addr>... Service unavailable" is its text for a local mailer's exit status
        // (EX_UNAVAILABLE); the mailer's own line in the transcript above it ("mail.local: unknown user") says why
        // Exim appends ": retry timeout exceeded" to the last reply when it gives up (deliver.c, retry rules): the
        // reply before it says why delivery kept failing; only a failure with no reply of its own is "expired"
        String reply = withoutEximGaveUp(diagnostic);
        // each text is prepared for the phrase tables once (Words), and only when a step reads it
        Optional<BounceReason> found = status.flatMap(StatusReason::decisive);
        Words contextWords = null;
        if (found.isEmpty() && mayBeMailerExitText(reply) && MAILER_EXIT_TEXT.matcher(reply).lookingAt()) {
            contextWords = Words.of(context);
            found = ReasonText.find(contextWords);
        }
        if (found.isEmpty()) {
            Words replyWords = Words.of(reply);
            found = PublishedTexts.find(replyWords).or(() -> ReasonText.find(replyWords));
        }
        if (found.isEmpty()) {
            found = status.flatMap(StatusReason::of);
        }
        if (found.isEmpty()) {
            found = ReasonText.find(contextWords != null ? contextWords : Words.of(context));
        }
        BounceReason reason = found.orElse(BounceReason.ON_HOLD);
        String answered = command.orElse("");
        // the status proves a missing mailbox by itself: x.1.0, x.1.1, x.1.3
        boolean saysMailbox = status.map(s -> s.subject() == 1 && (s.detail() == 0 || s.detail() == 1 || s.detail() == 3))
                .orElse(false);
        // Refused before any recipient was named, the words cannot be about the recipient: at the greeting they are
        // about the connecting host ("Invalid domain name" is our HELO name), at MAIL FROM about the sender. There
        // "user unknown", "host unknown" and silence all say whose fault it was.
        // Nor can the status: RFC 3463's x.1.1 / x.1.3 are the *destination* mailbox's, and none was named yet (Sendmail
        // writes 5.1.3 for any 553 reply, MAIL FROM's included: a Coremail "553 host denies the sender.", batch 3)
        boolean beforeAnyRecipient = answered.equals("HELO") || answered.equals("EHLO") || answered.equals("CONNECT")
                || answered.equals("MAIL");
        boolean aboutAnAddress = reason == BounceReason.USER_UNKNOWN && (!saysMailbox || beforeAnyRecipient)
                || reason == BounceReason.HOST_UNKNOWN || reason == BounceReason.ON_HOLD;
        if (aboutAnAddress && (answered.equals("HELO") || answered.equals("EHLO") || answered.equals("CONNECT"))) {
            return BounceReason.BLOCKED;
        }
        if (aboutAnAddress && answered.equals("MAIL")) {
            return BounceReason.REJECTED;
        }
        // "user unknown" proves the mailbox missing when the status says so or when it answered RCPT TO, the command
        // that names the mailbox. Said to the content (DATA) by a server that had accepted the recipient, or with a
        // security/policy status (x.7.x), it is a filter's refusal. So is a gateway's summary line with no reply, no
        // command and no status beyond "failed" ("addr [User unknown]"): its writer cannot know whether the mailbox
        // or a filter refused -- unless the words say the system looked the address up in its own directory.
        if (reason == BounceReason.USER_UNKNOWN && !saysMailbox && !answered.equals("RCPT")) {
            boolean policyStatus = status.map(s -> s.subject() == 7).orElse(false);
            // Exim's "local delivery failed" (deliver.c): the recipient's own host ran its delivery agent, whose
            // words ("Unknown user", a pipe exiting EX_NOUSER 67) are the mailbox store's, not a gateway's summary
            boolean summaryLine = answered.isEmpty() && replyCode.isEmpty() && status.map(s -> s.subject() == 0 && s.detail() == 0).orElse(true)
                    && !DIRECTORY_LOOKUP.matcher(diagnostic).find() && !diagnostic.toLowerCase(java.util.Locale.ROOT).contains("local delivery failed");
            if (answered.equals("DATA") || policyStatus || summaryLine) {
                return BounceReason.FILTERED;
            }
        }
        // silence under an RFC 3463 class that says enough on its own: x.7.x security or policy, x.6.x media
        if (reason == BounceReason.ON_HOLD && status.map(s -> s.subject() == 7).orElse(false)) {
            return BounceReason.SECURITY_ERROR;
        }
        if (reason == BounceReason.ON_HOLD && status.map(s -> s.subject() == 6).orElse(false)) {
            return BounceReason.CONTENT_ERROR;
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

    /**
     * Whether {@code text} starts with {@code lower} (lower-case ASCII), ASCII letters in either case: what a
     * {@code (?i)} pattern of the literal matches with {@code lookingAt}, without a matcher per diagnostic.
     */
    private static boolean startsWithAsciiIgnoreCase(String text, String lower) {
        if (text.length() < lower.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            char c = text.charAt(i);
            char n = lower.charAt(i);
            if (c != n && !(n >= 'a' && n <= 'z' && c == n - ('a' - 'A'))) {
                return false;
            }
        }
        return true;
    }

    /** The fixed start of {@link #MAILER_EXIT_TEXT} ("554 &lt;"), checked before a matcher is made for the rest. */
    private static boolean mayBeMailerExitText(String reply) {
        return reply.length() > 5 && (reply.charAt(0) == '2' || reply.charAt(0) == '4' || reply.charAt(0) == '5')
                && isDigit(reply.charAt(1)) && isDigit(reply.charAt(2)) && reply.charAt(3) == ' ' && reply.charAt(4) == '<';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The reply without Exim's ": retry timeout exceeded" suffix; the diagnostic itself when that is all it says. */
    static String withoutEximGaveUp(String diagnostic) {
        int n = diagnostic.length() - EXIM_GAVE_UP.length();
        if (n <= 0 || !diagnostic.regionMatches(true, n, EXIM_GAVE_UP, 0, EXIM_GAVE_UP.length())) {
            return diagnostic;
        }
        String head = diagnostic.substring(0, n).strip();
        if (head.endsWith(":")) {
            head = head.substring(0, head.length() - 1).strip();
        }
        return head.isEmpty() ? diagnostic : head;
    }
}
