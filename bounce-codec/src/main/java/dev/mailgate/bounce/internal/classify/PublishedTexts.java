package dev.mailgate.bounce.internal.classify;

import dev.mailgate.core.event.BounceReason;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The replies receiving hosts and MTAs publish for one reason, each rule with its source: the one place to teach the
 * classifier a receiver's or an MTA's wording (bounce-codec/README, "Teaching the classifier"). Checked before the
 * general phrases of {@link ReasonText}, whose broad words ("blocked", "policy", "content rejected") these texts
 * contain while meaning something narrower. A rule is a published text or code, never one sample's wording: the
 * genuine fixtures (src/test/resources/genuine) replay these texts from a real MTA, they do not define them.
 */
final class PublishedTexts {
    /**
     * One rule: where the text is published, the reason it states, and the words (lower case, regex) as its
     * top-level alternatives, each tried only when one of the literals it cannot match without occurs
     * ({@link Needles}, found with {@link ReasonText}'s in one pass over the text: {@link Words}).
     */
    private record Rule(String source, BounceReason reason, List<Alternative> words) {
        boolean matches(String lower, BitSet present) {
            for (Alternative a : words) {
                if (a.matches(lower, present)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Alternative(Pattern pattern, int[] needleIds) {
        boolean matches(String lower, BitSet present) {
            if (needleIds.length > 0) {
                boolean any = false;
                for (int id : needleIds) {
                    any |= present.get(id);
                }
                if (!any) {
                    return false;
                }
            }
            return pattern.matcher(lower).find();
        }
    }

    private static Rule r(String source, BounceReason reason, String regex) {
        List<Alternative> words = new ArrayList<>();
        for (String alternative : Needles.topLevelAlternatives(regex)) {
            List<String> needles = Needles.of(alternative);
            int[] ids = new int[needles.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = Words.needle(needles.get(i));
            }
            words.add(new Alternative(Pattern.compile(alternative), ids));
        }
        return new Rule(source, reason, List.copyOf(words));
    }

    private static final List<Rule> RULES = List.of(
            // Gmail: "SMTP error reference" (support.google.com/a/answer/3726730)
            r("Gmail SMTP error reference, 5.7.26 / Yahoo 5.7.9", BounceReason.AUTH_FAILURE, "sender is unauthenticated|"
                    + "does not have authentication information or fails to pass authentication checks|"
                    + "unauthenticated email from .{0,80} is not accepted due to domain's dmarc policy"),
            r("Gmail SMTP error reference, 5.7.1 RfcMessageNonCompliant", BounceReason.NOT_COMPLIANT_RFC,
                    "missing a valid message-id header|not rfc 5322 compliant|missing a valid address in from: header|having no from: header"),
            r("Gmail SMTP error reference, 550 5.7.1 not authorized to send directly", BounceReason.BLOCKED,
                    "not authorized to send email directly to our servers"),
            r("Gmail SMTP error reference, 4.2.1 / 5.4.5 SMTP relay limits", BounceReason.SPEEDING, "(peak|daily) smtp relay limit exceeded"),
            r("Gmail SMTP error reference, 421 4.7.0 IP not in whitelist", BounceReason.BLOCKED, "ip not in whitelist for rcpt domain"),
            r("Gmail SMTP error reference, 4.2.1", BounceReason.SPEEDING, "receiving mail too quickly"),
            // Yahoo Sender Hub "SMTP error codes": TS01/TS02 defer for the sender's reputation, TS03 refuses the
            // sending IP outright ("will be permanently deferred; Retrying will NOT succeed"): a block, not a reputation
            // that may recover
            // TSS09 (batch 2) is the same permanent deferral under the newer code family
            r("Yahoo Sender Hub SMTP error codes, 421 4.7.x [TS03] / [TSS09]", BounceReason.BLOCKED,
                    "\\[tss?\\d\\d\\] .{0,80}permanently deferred"),
            // Gmail 421 4.7.0 / 421 4.7.28 / 550 5.7.28 "unusual rate of unsolicited mail originating from your IP
            // address": "temporarily rate limited" defers for the IP's reputation, "(temporarily) blocked" blocks it
            r("Gmail SMTP error reference, 421 4.7.28", BounceReason.BAD_REPUTATION,
                    "unsolicited mail originating from your (ip address|dkim domain|spf domain).{0,200}temporarily rate limited"),
            r("Gmail SMTP error reference, 421 4.7.0 / 550 5.7.28", BounceReason.BLOCKED,
                    "unsolicited mail originating from your ip address.{0,120}has been (temporarily )?blocked"),
            r("Gmail SMTP error reference, 421 4.7.0 TLS required", BounceReason.SECURITY_ERROR, "tls required for rcpt domain"),
            // Outlook.com postmaster: RP-001..RP-003 are its per-hour / per-day sending limits
            r("Outlook.com postmaster, RP-001/RP-002/RP-003", BounceReason.SPEEDING, "\\brp-00[1-3]\\b"),
            // Comcast postmaster "Mail delivery error codes": BL000000.. blocks a sending IP (spam patterns, DNSBLs)
            r("Comcast postmaster error codes, BL0xxxxx", BounceReason.BLOCKED, "comcast block for spam"),
            // Comcast's RCPT refusal of an address it has no customer for, with the mailbox's own status 5.1.1
            r("Comcast 550 5.1.1 Not our Customer", BounceReason.USER_UNKNOWN, "5\\.1\\.1 .{0,260}not our customer"),
            // Yandex Mail help: a host sending only spam is blocked for 24 hours, "Blocked by spam statistics"
            r("Yandex Mail help, message rejected under suspicion of spam", BounceReason.BLOCKED, "blocked by spam statistics"),
            // Zoho Mail (as listed on smtp.codes/zoho): the receiving domain's own filters refuse the message
            r("Zoho Mail 452 / 552 policy error", BounceReason.FILTERED, "mailbox delivery (restricted by|failure) policy"),
            // Coremail / NetEase reply list: size of one attachment or of the message, relaying refused
            r("Coremail reply list, 552/554 too long", BounceReason.MESSAGE_TOO_BIG, "\\b55\\d (attachment|message) is too long"),
            r("Coremail reply list, 553 host denies relay", BounceReason.NO_RELAYING, "host denies relay"),
            r("Coremail reply list, 550 black ip / 555 helohost error", BounceReason.BLOCKED, "^55\\d black ip\\b|\\bhelohost error\\b"),
            // a loop the receiver detected (RFC 3463 X.4.6): Coremail "552 looping message", Hornetsecurity "554 5.5.6
            // Loop detection" (its reject codes as EveryCloud lists them)
            r("Coremail reply list 552 / Hornetsecurity 5.5.6", BounceReason.NETWORK_ERROR, "\\blooping message\\b|\\bloop detection\\b"),
            // Hornetsecurity (antispameurope) reject codes: x.5.x codes of its own, the text says the cause
            r("Hornetsecurity 554 5.5.7 attachment", BounceReason.POLICY_VIOLATION, "e-mail rejected content attachment"),
            r("Hornetsecurity 554 5.5.3 size", BounceReason.MESSAGE_TOO_BIG, "e-mail rejected content filter size"),
            // Exchange Server receive connector without anonymous permission; Exchange Online 5.7.511 (an IP ban)
            r("Exchange Server 530 5.7.1 Client was not authenticated", BounceReason.SECURITY_ERROR, "client was not authenticated\\b"),
            r("Exchange Online NDR 5.7.511 banned sender", BounceReason.BLOCKED, "5\\.7\\.511 access denied, banned sender"),
            // Interia Poczta help: "550 5.7.0 [SPF] host ... is not allowed to send mail from domain"
            r("Interia 550 5.7.0 [SPF]", BounceReason.AUTH_FAILURE, "\\[spf\\] .{0,80}is not allowed to send mail from"),
            // Postfix smtpd.c, smtpd_hard_error_limit: "421 4.7.0 host Error: too many errors" (SFR's MX answers so and
            // blocks the IP for two hours, as its code list says)
            r("Postfix smtpd(8) hard error limit", BounceReason.BLOCKED, "error: too many errors"),
            // Naver: "421 4.3.2 Your IP(a.b.c.d) is filtered ... register your IP to http://realip.naver.com" (as Korean
            // return-mail lists quote it: the sending IP blocked for bulk sending)
            r("Naver 421 4.3.2 IP filtered", BounceReason.BLOCKED, "your ip\\S{0,50} is filtered"),
            // smtpf (Barricade MX) reply #127: the sender's address or domain is in its access map with REJECT
            r("smtpf reply #127", BounceReason.REJECTED, "\\bsender\\b.{0,100}black listed #127"),
            // amavisd-new's reply for D_REJECT: "554 5.7.0 Reject, id=... - SPAM / VIRUS / BANNED ..." (its
            // final_*_destiny settings); BANNED is a banned file name or type, the site's attachment policy
            r("amavisd-new D_REJECT, spam", BounceReason.SPAM_DETECTED, "reject, id=\\S+ - spam"),
            r("amavisd-new D_REJECT, virus", BounceReason.VIRUS_DETECTED, "reject, id=\\S+ - (virus|infected)"),
            r("amavisd-new D_REJECT, banned", BounceReason.POLICY_VIOLATION, "reject, id=\\S+ - banned"),
            // rspamd multimap with a reject message for a forbidden attachment extension (NethServer/dev#5811)
            r("rspamd multimap, forbidden attachment", BounceReason.POLICY_VIOLATION, "forbidden attachment"),
            // qmail-smtpd.c: a recipient domain not in control/rcpthosts is relaying
            r("qmail-smtpd rcpthosts", BounceReason.NO_RELAYING, "(isn't|is not) in my list of allowed rcpthosts"),
            // Exim: the default messages of "verify = sender" and of a deny ACL without a message (acl.c)
            // (acl.c puts "Verification failed for <sender>" first when the sender, not the recipient, failed)
            r("Exim verify = sender", BounceReason.REJECTED, "sender verify failed|^5\\d\\d[ -]verification failed for <"),
            // AT&T / BellSouth "Mailblock: Error Message Summary": "[permfail] ... requires valid sender domain"
            r("AT&T 550 [permfail]", BounceReason.REJECTED, "requires valid sender domain"),
            r("Exim ACL deny default", BounceReason.REJECTED, "550 administrative prohibition"),
            // Postfix smtpd.c: smtpd_client_message_rate_limit
            r("Postfix smtpd(8) message rate limit", BounceReason.SPEEDING, "error: too much mail from"),
            r("Gmail SMTP error reference, 421 4.7.0 connection-level", BounceReason.TOO_MANY_CONNECTIONS,
                    "^421[ -]4\\.7\\.0 try again later, closing connection"),
            // sisimai's reason "filtered" (refused by the recipient's own filter rules), the 5.7.1 rule: the
            // text names the recipient's filter, so the status' x.7.x does not make it spam or security
            r("sisimai reason 'filtered'; recipient's filter named", BounceReason.FILTERED,
                    "rejected by the recipient'?s? (content )?filter|recipient'?s? (content )?filter rules"),
            // RFC 5321 4.2.2 reply text "insufficient system storage" with RFC 3463 X.3.1 "mail system full"
            r("RFC 5321 4.2.2 452 with RFC 3463 X.3.1", BounceReason.SYSTEM_FULL, "4\\.3\\.1 insufficient system storage"),
            // Apple iCloud: "Mail server error codes" (support.apple.com/HT204137): CSnn are its policy codes
            r("iCloud HT204137, CS01-CS09", BounceReason.POLICY_VIOLATION, "\\[cs0\\d\\] message rejected due to local policy"),
            r("iCloud HT204137, 4.7.1 volume", BounceReason.SPEEDING, "deferred due to excessive volume"),
            // GMX / WEB.DE postmaster pages: the mailbox's storage or message count is exhausted
            r("GMX/WEB.DE postmaster, 5.2.2", BounceReason.MAILBOX_FULL, "exhausted allowed storage space|too many messages on the server|"
                    + "speichervolumen ueberschritten|zuviele mails auf dem server"),
            r("GMX/WEB.DE postmaster, SPF refusal", BounceReason.AUTH_FAILURE, "reject due to spf policy"),
            // GMX/WEB.DE postmaster error messages (postmaster.gmx.net/en/error-messages): "Service not available / No
            // SMTP service / Reject due to policy restrictions", its case link for the connecting IP: that IP is refused
            r("GMX/WEB.DE postmaster, 554 No SMTP service", BounceReason.BLOCKED,
                    "nemesis esmtp service not available.{0,20}no smtp service"),
            // Spamhaus DBL lists domains found in the message (spamhaus.org/dbl): the content, not our IP
            r("Spamhaus DBL", BounceReason.SPAM_DETECTED, "domain present in the spamhaus dbl|listed in the spamhaus dbl"),
            // Courier's local delivery (courierlocal): "550 User <name> unknown" for a local account that does not exist
            r("Courier MTA local delivery", BounceReason.USER_UNKNOWN, "^550 user <[^>@\\s]{1,64}> unknown"),
            // OpenSMTPD's MDA result for a delivery command killed or failing without an exit code it maps
            r("OpenSMTPD mda: exited abnormally", BounceReason.MAILER_ERROR, "exited abnormally"),
            // Microsoft 365 / Exchange Online NDR codes (learn.microsoft.com, "Email non-delivery reports in Exchange Online")
            r("Microsoft 365 NDR 5.1.10 RecipientNotFound", BounceReason.USER_UNKNOWN, "resolver\\.adr\\.recipientnotfound"),
            r("Microsoft 365 NDR 4.7.500-699 throttling", BounceReason.SPEEDING, "^4\\d\\d 4\\.7\\.[56]\\d\\d server busy"),
            // Proofpoint: "Dynamic Reputation" (ipcheck.proofpoint.com) blocks an IP outright (521/554 "... blocked")
            // or defers it while its reputation is poor
            r("Proofpoint Dynamic Reputation, block", BounceReason.BLOCKED, "proofpoint dynamic reputation: \\S+ blocked"),
            r("Proofpoint Dynamic Reputation, deferral", BounceReason.BAD_REPUTATION, "proofpoint dynamic reputation"),
            // Barracuda Email Security Gateway: a recipient-level policy block lists "(address:blocked)"
            r("Barracuda ESG, 550 permanent failure ... (address:blocked)", BounceReason.FILTERED,
                    "permanent failure for one or more recipients \\(<>:blocked\\)"),
            // Postgrey (Debian's greylisting policy server), its reply text: a temporary block of our sending host
            r("Postgrey, 450 Greylisted", BounceReason.BLOCKED, "greylisted"),
            // RFC 5321 section 3.1 "554 No SMTP service here"; RFC 7504 section 3, 521/556 "no mail service"
            r("RFC 5321 3.1, RFC 7504 3", BounceReason.NOT_ACCEPT, "no (smtp|mail) service here|does not accept mail \\(rfc 7504\\)"),
            // Postfix smtp(8)/trivial-rewrite for an RFC 7505 null MX: "Domain example.com does not accept mail (nullMX)"
            r("Postfix 3.1+ null MX text", BounceReason.NOT_ACCEPT, "does not accept mail \\(nullmx\\)"),
            // Postfix smtp(8) TLS texts (src/smtp/smtp_proto.c): TLS we require was refused or not offered
            r("Postfix smtp(8) / RFC 3207 454", BounceReason.FAILED_STARTTLS, "tls not available due to|tls is required, but (was not offered|"
                    + "our tls engine is unavailable)"),
            // RFC 2045/2046 structure refused by the receiver (a content-filter's MIME check), not spam
            r("RFC 2045 MIME structure", BounceReason.CONTENT_ERROR, "illegal mime structure|invalid mime structure|mime structure"));

    private PublishedTexts() {
    }

    /** Builds the table (and registers its needles with {@link Words}). */
    static void load() {
        // the class initializer has run by the time this is called
    }

    /** The reason of the first published text the diagnostic contains. */
    static Optional<BounceReason> find(Words words) {
        if (words.isNone()) {
            return Optional.empty();
        }
        for (Rule rule : RULES) {
            if (rule.matches(words.lower, words.present)) {
                return Optional.of(rule.reason);
            }
        }
        return Optional.empty();
    }
}
