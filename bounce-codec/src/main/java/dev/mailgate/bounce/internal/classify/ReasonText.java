package dev.mailgate.bounce.internal.classify;

import dev.mailgate.core.event.BounceReason;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reasons recognized from the words of a diagnostic. The phrases are the ones MTAs and mailbox providers actually
 * write (the vocabulary of the sisimai classifier's reason modules, collected from their published bounces); the
 * order matters: the first reason with a matching phrase wins, most specific first.
 */
final class ReasonText {
    /** One reason's phrases, each with the literal words it cannot match without (see {@link Needles}). */
    private record Entry(BounceReason reason, List<Phrase> phrases) {
    }

    /**
     * A phrase regex and the ids (in {@link #NEEDLES}) of the literals of which at least one must occur for it to
     * match; none: always try the regex.
     */
    private record Phrase(Pattern pattern, int[] needleIds, boolean literal, List<String> leading) {
        boolean matches(String lower, BitSet present) {
            if (literal) {
                return present.get(needleIds[0]);
            }
            if (needleIds.length > 0) {
                boolean any = false;
                for (int id : needleIds) {
                    if (present.get(id)) {
                        any = true;
                        break;
                    }
                }
                if (!any) {
                    return false;
                }
            }
            if (leading.isEmpty()) {
                return pattern.matcher(lower).find();
            }
            // every match starts at one of the leading literals: try there only
            java.util.regex.Matcher m = pattern.matcher(lower).useTransparentBounds(true).useAnchoringBounds(false);
            for (String lead : leading) {
                for (int at = lower.indexOf(lead); at >= 0; at = lower.indexOf(lead, at + 1)) {
                    m.region(at, lower.length());
                    if (m.lookingAt()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static final List<Entry> ENTRIES = List.of(
            // phrases that contain words of a broader reason below ("blocked", "unknown", "rejected") but say
            // something more specific
            e(BounceReason.POLICY_VIOLATION, "content presents a potential", "illegal attachment"),
            e(BounceReason.SPEEDING, "too many recipients (this|per|in the last) (hour|day|minute)", "has sent to too many recipients",
                    "receiving mail at a rate", "sending rate (is )?(too high|exceeded)"),
            e(BounceReason.TOO_MANY_CONNECTIONS, "too many recipients", "frequency limited", "too many (connections|concurrent|simultaneous|sessions)"),
            e(BounceReason.NOT_ACCEPT, "no mx record found", "null mx"),
            e(BounceReason.VIRUS_DETECTED, "virus", "malware", "infected", "trojan", "dangerous attachment"),
            e(BounceReason.USER_UNKNOWN, "recipient address rejected: access denied", "mailbox unavailable",
                    "recipient name is not recognized", "couldn't be found",
                    "(?<!recipient |sender )address rejected(?!:)"),
            e(BounceReason.REJECTED, "purported responsible address", "sender address rejected", "'send mail as'",
                    "sending this from a different address"),
            e(BounceReason.FAILED_STARTTLS, "does not support tls"),
            e(BounceReason.HOST_UNKNOWN, "^\\d{3} [a-z0-9-]+(\\.[a-z0-9-]+)+ does not exist"),
            // "The account or domain may not exist, they may be blacklisted, or missing the proper dns entries":
            // the first possibility named is the one the server checked
            e(BounceReason.HOST_UNKNOWN, "account or domain may not exist"),
            // the MTAs' own messages, from their sources as sisimai's Lhost modules list them: Exim
            e(BounceReason.HOST_UNKNOWN, "all host address lookups failed permanently"),
            e(BounceReason.NOT_ACCEPT, "an mx or srv record indicated no smtp service", "no host found for existing smtp connection"),
            e(BounceReason.SYNTAX_ERROR, "angle-brackets nested too deep", "expected word or \"<\"",
                    "domain missing in source-routed address", "malformed address:"),
            e(BounceReason.SYSTEM_ERROR, "delivery to (file|pipe) forbidden", "lmtp error after "),
            e(BounceReason.CONTENT_ERROR, "too many \"received\" headers"),
            // Gmail's DNS notices, and Domino's directory in its other languages
            e(BounceReason.EXPIRED, "could not contact dns servers", "delivery to the following recipient has been delayed"),
            e(BounceReason.HOST_UNKNOWN, "dns server returned answer with no data"),
            e(BounceReason.USER_UNKNOWN, "non répertorié dans l'annuaire domino", "domino ディレクトリには見つかりません"),
            e(BounceReason.FILTERED, "cannot route mail to user"),
            // and qmail
            e(BounceReason.SYSTEM_FULL, "mailbox unavailable \\(not enough free space\\)"),
            e(BounceReason.NETWORK_ERROR, "couldn't find a mail exchanger or ip address",
                    "although i'm listed as a best-preference mx or a for that host"),
            e(BounceReason.HAS_MOVED, "not our customer", "user not local; please try"),
            e(BounceReason.FILTERED, "badrcptto"),
            e(BounceReason.SUSPEND, "temporar(y|ily) locked"),
            e(BounceReason.HOST_UNKNOWN, "unrouteable address", "domain is not reachable", "bad destination system address"),
            e(BounceReason.USER_UNKNOWN, "bad destination mailbox address"),
            e(BounceReason.SYSTEM_ERROR, "upstream error", "temporary lookup failure"),
            // a TCP connection the host refused is the network's failure, not a block by the host (that is said
            // in a reply, after a connection): Postfix "connect to mx[192.0.2.1]:25: Connection refused"
            e(BounceReason.NETWORK_ERROR, "connect to \\S+: connection refused"),
            e(BounceReason.EXPIRED, "did not accept our requests to connect", "delivery failed \\d+ attempts",
                    "all hosts have been failing", "could not be delivered for \\d+ (days|hours)"),
            e(BounceReason.MAILBOX_FULL,
                    "mailbox (is )?full", "mailbox full", "mail ?box.{0,20}(full|over ?quota|exceeded|size limit)",
                    "over ?quota", "quota (exceed|violation|full)", "exceeded (storage|quota)|storage quota",
                    "disk quota", "user.{0,20}(quota|full)", "insufficient (system )?storage", "is over (the )?(storage )?(quota|limit)",
                    "not enough (disk )?space", "too much mail data", "account is full", "mailfolder is full",
                    "exceeded (his/her|the) mailbox", "recipient.{0,20}(full|over quota)", "mailbox has exceeded",
                    "inbox is full", "full mailbox", "(inbox|mailbox) is out of (storage|space)", "maildir (over|full)", "quota limit", "mailbox not enough space",
                    "the user's mailbox is full", "exceeds the quota"),
            e(BounceReason.MESSAGE_TOO_BIG, "line limit exceeded",
                    "message (size )?(exceeds|too (big|large))", "message size.{0,30}(exceed|too|limit)", "too big",
                    "size limit", "message too large", "exceeds (the )?(maximum|fixed) (message )?size", "mail size limit",
                    "message is too large", "message length exceeds", "size exceeds", "size of the message exceeds",
                    "total message size", "size (is )?too (big|large)"),
            e(BounceReason.EXCEED_LIMIT, "message (is )?too large for (the )?recipient", "exceeded message size",
                    "recipient.{0,20}size limit", "message header size exceeds limit"),
            e(BounceReason.SUSPEND,
                    "(account|mailbox|address|user|recipient).{0,20}(disabled|suspended|deactivated|inactive|locked|frozen|expired|closed|blocked by the administrator)",
                    "(disabled|suspended|inactive|deactivated|locked|closed|expired) (account|mailbox|user|address|recipient)",
                    "has been disabled", "is disabled", "is inactive", "not active", "is not in service", "service suspended",
                    "mailbox (is )?(currently suspended|temporarily disabled)",
                    "boite du destinataire archivee", "recipient suspend", "(inbox|mailbox|address|account) .{0,40}no longer in use",
                    "is no longer (monitored|active|in use)"),
            e(BounceReason.HAS_MOVED, "has been replaced by", "address has moved", "has moved to", "no longer (valid|uses this|receives)"),
            e(BounceReason.NO_RELAYING,
                    // Amazon SES refuses to relay for an identity the account has not verified
                    "email address is not verified",
                    "relay(ing)? (access |not )?(denied|permitted|prohibited|not allowed)", "not (a )?(permitted|allowed) (to )?relay",
                    "we do not relay", "unable to relay", "relay not permitted", "not our customer", "no relaying",
                    "relaying mail to .+ is not allowed", "insecure mail relay", "relay access denied", "is not permitted to relay",
                    "cannot relay", "can't relay", "open relay", "relay denied"),
            e(BounceReason.AUTH_FAILURE,
                    "dmarc", "spf (check|fail|record|validation)|\\bspf\\b.{0,20}(fail|hard)|sender policy framework",
                    "dkim (check |signature )?(fail|invalid|verification)|\\bdkim\\b.{0,40}(fail|did not pass)",
                    "authentication (check )?fail(ed|ure)? .{0,30}(spf|dkim|domain)", "unauthenticated (email|mail)",
                    "does not designate", "is not designated", "not authorized to send", "sender is not authorized",
                    "sender authentication", "authentication information", "fails to pass authentication", "failed (spf|dkim) check", "sender id (check )?failed",
                    "authenticat(ion|ed) (is )?required .{0,40}sender"),
            e(BounceReason.REQUIRE_PTR,
                    "reverse (dns|lookup|mapping)", "no ptr", "ptr record", "ptr lookup", "rdns", "cannot find your hostname",
                    "cannot resolve your (address|hostname)", "client host .{0,60}(ptr|rejected: cannot find)",
                    "no (reverse|dns) (record|entry) for", "ip name lookup failed", "unresolvable (address|client)",
                    "hostname does not resolve", "not have a reverse", "resolve.{0,20}your ip", "cannot find your reverse hostname",
                    "does not have a ptr", "no mx or a record for your (domain|hostname)", "mismatches client ip"),
            e(BounceReason.NOT_COMPLIANT_RFC,
                    "not (rfc|standard)[- ]?(5322|2822|822)? ?compliant", "rfc 5322", "rfc5322", "rfc 2822", "rfc2822",
                    "duplicate (header|message-id)", "multiple (from|to|subject|date|message-id) (headers|fields)", "multiple addresses in from",
                    "headers? (are )?not (rfc|valid)", "non[- ]compliant", "bare (lf|linefeed)", "invalid header",
                    "message-id (header )?(is )?(missing|invalid)", "missing (required )?(header|date|from|message-id)"),
            e(BounceReason.BAD_REPUTATION, "\\[tss?0\\d\\]", "(sender|ip|domain)(.s)? reputation", "bad reputation", "low reputation",
                    "poor reputation", "reputation (is )?too low", "temporarily rate limited due to ip reputation",
                    "senderscore", "sender score"),
            e(BounceReason.SPAM_DETECTED,
                    "spam(?!haus|cop)", "junk mail", "unsolicited", "content (rejected|filter)", "message (content )?rejected due to content",
                    "message (is |was )?(identified|classified|considered|flagged|detected) as (bulk|junk)",
                    "bulk mail", "rejected by (the )?(anti[- ]?spam|content) (filter|policy)", "blocked by (anti[- ]?spam|filter)",
                    "\\buce\\b", "high probability", "scored too high", "score .{0,20}(exceeds|too high)",
                    "message (looks|seems) (like|suspicious)", "suspicious", "phishing", "blacklisted url", "url.{0,30}blacklist",
                    "listed in (spamhaus )?dbl"),
            e(BounceReason.VIRUS_DETECTED, "attachment.{0,30}(not allowed|prohibited|rejected|blocked)", "executable (attachment|content)"),
            e(BounceReason.REJECTED,
                    "sender (address |domain )?(rejected|denied|refused|blocked|not allowed|verify failed|unknown|invalid|is not allowed)",
                    "(rejected|refused|denied|blocked) sender", "mail from .{0,60}(rejected|refused|denied|not accepted)",
                    "domain of sender .{0,40}(does not exist|not found|unknown|unresolvable|invalid)",
                    "sender domain (must exist|does not exist|not found|is empty|unknown)", "invalid sender", "bad sender",
                    "sender .{0,40}(is|was) (blacklisted|blocklisted|blocked|banned)", "unknown sender", "from address (is )?(invalid|rejected)",
                    "your (e-?mail )?address has been (blacklisted|blocked|banned)", "sender verify failed",
                    "sender address must be fully qualified", "envelope (sender|from) .{0,30}(invalid|rejected)",
                    "address (you )?(sent|are sending) from .{0,30}(rejected|not allowed)", "not permitted to post",
                    "permission to post", "don't have permission", "you do not have permission", "only (members|subscribers) can post",
                    "not a member", "members only", "moderator", "sender (is )?not (a member|authorized|subscribed|permitted)",
                    "access denied.{0,20}sender", "mailfrom address is not permitted",
                    "グループにメッセージを投稿する権限", "投稿する権限"),
            e(BounceReason.FILTERED,
                    "due to (extended|local|recipient|user).{0,20}(inactivity|policy|filter)", "filtered", "message refused by .{0,20}filter",
                    "rejected by (the )?(recipient|user)(?! domain)", "recipient (has )?(rejected|refused|blocked) (your|the|this|all)",
                    "(refused|rejected|blocked) by (the )?(recipient|user|mailbox owner)(?! domain)", "not accept(ing)? (mail|messages) from (you|this sender|your)",
                    "only accepts? mail from", "sender (is )?not (in|on) (the )?(allow|white|safe)", "address list",
                    "mailbox (is )?(restricted|not accepting)", "does not accept (mail|e-?mail|messages)",
                    "this account (is )?(not accepting|only accepts)", "permanently (rejected|blocked) by the recipient",
                    "recipient (is )?restricted", "no longer accepting", "user (has )?(refused|rejected|blocked)",
                    "protected by .{0,30}(filter|guard)", "your message was not delivered due to", "is not accepting"),
            e(BounceReason.USER_UNKNOWN,
                    "user(name)? (is )?unknown", "unknown (user|recipient|address|local[- ]?part|mailbox|account)",
                    "no such (user|recipient|mailbox|address|account|local user|person|e-?mail)", "user (does not|doesn't) exist",
                    "(mailbox|address|recipient|user|account|e-?mail)( address)? (does not|doesn't|did not|no longer) exist",
                    "(mailbox|address|recipient|user|account)s? (not found|unknown|unavailable|invalid|not valid)",
                    "(invalid|bad|unknown|non-?existent|nonexistent|unrouteable|undeliverable) (recipient|mailbox|address|user|destination)",
                    "not (a )?(known|valid) (user|recipient|mailbox)", "user not found",
                    "address (is )?(not known|not listed)", "not listed in", "no mailbox (here )?by that name", "unknown or illegal alias",
                    "no valid recipients?", "mailbox (not available|unavailable|not present|does not exist|is not|not exist)",
                    "mailbox (name )?not allowed", "couldn't find", "could not be found", "doesn't have an? .{0,30}account",
                    "does not have an? .{0,30}(account|mailbox)", "is not a valid (mailbox|user|recipient)",
                    "recipient (is )?not (found|exist|valid|local)", "(user|recipient|address) (is )?not (here|found|exist|registered)",
                    "no such (mail ?box|local user)", "this user doesn't have", "rejected: (user|recipient|mailbox) unknown",
                    "email account that you tried to reach does not exist", "destination (address|mailbox) (unknown|not found|invalid)",
                    "user unknown", "unknown user", "invalid address", "address invalid", "address unknown",
                    "bad address", "not our user", "undeliverable address", "no account by that name", "unknown alias",
                    "sorry, no mailbox here by that name", "user not exist", "account not exist", "no user", "invalid mailbox",
                    "mailbox unavailable", "recipient unknown", "recipient not exist", "this address no longer accepts mail",
                    "is not a known user", "resolver.adr.recipnotfound", "resolver.adr.exrecipnotfound", "recipnotfound",
                    "address does not exist", "the email account that you tried to reach", "unknown local part",
                    "no mailbox", "sorry, no such", "vdeliver: invalid or unknown virtual user"),
            e(BounceReason.HOST_UNKNOWN,
                    "host (or domain name )?(not found|unknown)", "unknown host", "domain (name )?(not found|does not exist|unknown|is not valid)",
                    "no such (domain|host)", "name service error", "host not found", "nxdomain", "name or service not known",
                    "unrouteable (mail )?domain", "unknown domain", "domain (is )?not (exist|valid|found|resolve)",
                    "(mx|dns) (lookup )?(record )?(not found|failed)", "no mx (record|host)", "illegal host/domain",
                    "could not resolve", "unable to resolve", "invalid domain", "host unknown", "no route to host .{0,20}domain",
                    "domain (unknown|invalid)", "recipient domain .{0,20}(not exist|not found|invalid|unknown)",
                    "all relevant mx records point to non-existent hosts", "couldn't find any host named", "no valid mx"),
            e(BounceReason.TOO_MANY_CONNECTIONS, "connection (limit|rate limit)", "connections? (from|per) .{0,30}(exceeded|limit)", "too many hosts",
                    "max(imum)? (number of )?connections"),
            e(BounceReason.SPEEDING, "rate limit", "rate-limit", "ratelimit", "too many (messages|mails|e-?mails|requests)",
                    "sending (too fast|rate)", "throttl", "slow down", "exceeded .{0,30}(limit|rate)", "try again later.{0,30}(rate|limit)",
                    "unusual rate", "too many emails per"),
            e(BounceReason.BLOCKED,
                    "blacklist", "blocklist", "black list", "block list", "blocked", "dnsbl", "\\brbl\\b", "spamhaus", "spamcop",
                    "barracuda", "sorbs", "listed (at|in|on|by)", "banned", "(your ip|client host|connection|sending host|your host).{0,30}(refused|rejected|denied|not allowed)",
                    "access denied", "not allowed to send", "refused to talk", "not accepting connections", "invalid ip for sending", "messages from .{0,40} weren't sent", "connection refused", "please use the smtp server of your isp",
                    "dynamic ip", "dial-?up", "residential", "dynamic address", "your ip", "poor (ip )?reputation",
                    "service unavailable; client host", "client host rejected", "blocked using", "rejected because .{0,20}ip",
                    "denied access", "not permitted to send", "(sending|connecting) (ip|host|mta).{0,30}(not|denied|rejected)"),
            e(BounceReason.SECURITY_ERROR,
                    "authentication (required|failed|is required)", "auth(entication)? required", "must (use|issue) (a )?starttls",
                    "must be authenticated", "tls (is )?required", "encryption required", "requires? (tls|encryption|authentication)",
                    "access (denied|forbidden).{0,20}(auth|password)", "sender not authenticated", "must authenticate", "smtp authentication",
                    "user not local; please try", "insecure"),
            e(BounceReason.FAILED_STARTTLS, "starttls (failed|error|negotiation)", "tls (negotiation|handshake) failed",
                    "failed to (start|negotiate) tls", "starttls"),
            e(BounceReason.CONTENT_ERROR, "content (error|not allowed)", "message (content|body) (is )?(not allowed|rejected|invalid)",
                    "header (error|line too long|too long)", "line too long", "improper (use of )?8-bit", "8-?bit",
                    "illegal (characters?|content)", "not allowed content", "mime (error|format)", "invalid (mime|content)",
                    "charset", "encoding"),
            e(BounceReason.POLICY_VIOLATION, "polic(y|ies)", "not (allowed|permitted) by", "prohibited", "violat",
                    "not authorized", "unacceptable", "terms of service", "acceptable use", "do not accept", "disallowed"),
            e(BounceReason.SYSTEM_FULL, "(disk|file ?system|mail ?system|storage|spool|queue) (is )?(full|space)",
                    "insufficient system (storage|resources)", "system (is )?full", "out of (disk|storage|space)", "no space left"),
            e(BounceReason.NOT_ACCEPT, "does not accept mail", "accepts no mail", "no mail (is )?accepted",
                    "not accepting (any )?mail", "mail receiving disabled", "this domain does not receive mail"),
            e(BounceReason.EXPIRED,
                    "expired", "too long in (the )?queue", "retry (time|timeout) (not reached|exceeded)", "gave up", "giving up",
                    "could not be delivered (for|within|in) .{0,20}(days|hours)", "delivery time expired", "message timed out",
                    "delivery (attempts|period) (have )?(expired|exceeded)", "has not been delivered .{0,40}(hours|days)",
                    "undeliverable for", "retry timeout exceeded", "was not delivered within", "maximum (time|queue|retry)",
                    "time limit exceeded", "past the expiry", "queue lifetime", "message has been in the queue too long",
                    "unable to deliver.{0,40}(for|within) .{0,10}(days|hours)", "lifetime exceeded", "been delayed",
                    "unable to deliver message after multiple retries"),
            e(BounceReason.NETWORK_ERROR,
                    "connection (timed out|timeout|reset|lost|dropped|closed)", "timed out", "timeout", "no route to host",
                    "network (is )?unreachable", "host (is )?unreachable", "could not connect", "unable to connect",
                    "can't connect", "cannot connect", "couldn't connect", "lost connection", "connect to .{0,60} failed",
                    "mail loop", "loop(s)? back to (myself|me)", "routing loop", "too many hops", "hop count exceeded",
                    "malformed or unexpected name server reply", "host not reachable", "temporary failure in name resolution", "dns (error|failure|timeout)",
                    "name server", "unable to get mx info", "broken pipe", "session timed out"),
            e(BounceReason.MAILER_ERROR, "mailer error", "program (failed|exited)", "command (failed|died|not found)",
                    "exit code", "exited with", "procmail", "pipe to", "unknown mailer", "local delivery failed",
                    "mail delivery program", "\\|/", "x-unix; "),
            e(BounceReason.SYSTEM_ERROR,
                    "system (error|failure|problem|config)", "internal (server )?error", "server (error|failure|configuration)",
                    "configuration error", "temporary local (problem|failure|error)", "local (error|problem)", "i/o error",
                    "resources? (temporarily )?unavailable", "service (is )?(temporarily |currently )?(unavailable|not available)",
                    "out of memory", "processing error", "mailbox (is )?locked", "unexpected error",
                    "remote server (error|problem)", "error in processing", "requested action aborted: (local|error)",
                    "could not load"),
            e(BounceReason.SYNTAX_ERROR, "syntax error", "improper sequence", "command unrecognized", "unrecognized command", "bad sequence",
                    "invalid command", "command not (implemented|recognized)", "line too long"));

    /**
     * Every phrase in table order (entry by entry), the entry each belongs to, and for each needle the phrases that
     * need it: a text is tried only against the phrases whose needles it contains (and those without any), in table
     * order, so the first that matches is still the first entry's. Walking all the phrases and their needles per
     * diagnostic was a tenth of the parse time.
     */
    private static final Phrase[] PHRASES;
    private static final BounceReason[] PHRASE_REASON;
    private static final int[][] PHRASES_OF_NEEDLE;
    private static final BitSet ALWAYS_TRIED = new BitSet();

    static {
        List<Phrase> all = new ArrayList<>();
        List<BounceReason> reasons = new ArrayList<>();
        for (Entry entry : ENTRIES) {
            for (Phrase p : entry.phrases()) {
                all.add(p);
                reasons.add(entry.reason());
            }
        }
        PHRASES = all.toArray(new Phrase[0]);
        PHRASE_REASON = reasons.toArray(new BounceReason[0]);
        int maxNeedle = -1;
        for (Phrase p : PHRASES) {
            for (int id : p.needleIds()) {
                maxNeedle = Math.max(maxNeedle, id);
            }
        }
        List<List<Integer>> byNeedle = new ArrayList<>();
        for (int i = 0; i <= maxNeedle; i++) {
            byNeedle.add(new ArrayList<>());
        }
        for (int i = 0; i < PHRASES.length; i++) {
            if (PHRASES[i].needleIds().length == 0) {
                ALWAYS_TRIED.set(i);
            }
            for (int id : PHRASES[i].needleIds()) {
                List<Integer> list = byNeedle.get(id);
                if (list.isEmpty() || list.get(list.size() - 1) != i) {
                    list.add(i);
                }
            }
        }
        PHRASES_OF_NEEDLE = new int[byNeedle.size()][];
        for (int id = 0; id < PHRASES_OF_NEEDLE.length; id++) {
            PHRASES_OF_NEEDLE[id] = byNeedle.get(id).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    private ReasonText() {
    }

    /** Lower case, with every {@code local@domain} replaced by {@code <>} and every http(s) link by a space. */
    static String withoutAddressesAndLinks(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.indexOf('@') < 0 && !lower.contains("http")) {
            return lower;
        }
        // the runs between an '@' or a link are copied in bulk: a builder append per character was most of the cost
        StringBuilder out = new StringBuilder(lower.length());
        int i = 0;
        int copied = 0;
        int n = lower.length();
        while (i < n) {
            char c = lower.charAt(i);
            if (c == 'h' && (lower.startsWith("http://", i) || lower.startsWith("https://", i))) {
                out.append(lower, copied, i);
                while (i < n && !Character.isWhitespace(lower.charAt(i))) {
                    i++;
                }
                out.append(' ');
                copied = i;
                continue;
            }
            if (c == '@') {
                out.append(lower, copied, i);
                copied = i;
                int start = out.length();
                while (start > 0 && isLocalChar(out.charAt(start - 1))) {
                    start--;
                }
                int end = i + 1;
                while (end < n && isDomainChar(lower.charAt(end))) {
                    end++;
                }
                if (start < out.length() && end > i + 1) {
                    out.setLength(start);
                    out.append("<>");
                    i = end;
                    copied = end;
                    continue;
                }
            }
            i++;
        }
        return out.append(lower, copied, n).toString();
    }

    private static boolean isLocalChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || ".!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0;
    }

    private static boolean isDomainChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-';
    }

    private static Entry e(BounceReason reason, String... phrases) {
        List<Phrase> list = new ArrayList<>();
        for (String phrase : phrases) {
            for (String alternative : Needles.topLevelAlternatives(phrase)) {
                List<String> needles = Needles.of(alternative);
                int[] ids = new int[needles.size()];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = Words.needle(needles.get(i));
                }
                boolean literal = ids.length == 1 && needles.get(0).equals(alternative);
                list.add(new Phrase(Pattern.compile(alternative), ids, literal, Needles.leading(alternative)));
            }
        }
        return new Entry(reason, List.copyOf(list));
    }

    /** Builds the table (and registers its needles with {@link Words}). */
    static void load() {
        // the class initializer has run by the time this is called
    }

    /** The first reason whose phrases occur in the text (see {@link Words} for how it is read). */
    static Optional<BounceReason> find(String text) {
        return find(Words.of(text));
    }

    /**
     * The first reason whose phrases occur in the words. The addresses and links in a reply are not words about it:
     * a mailbox called "filtered@" is not a filter ({@link #withoutAddressesAndLinks}).
     */
    static Optional<BounceReason> find(Words words) {
        if (words.isNone()) {
            return Optional.empty();
        }
        BitSet candidates = (BitSet) ALWAYS_TRIED.clone();
        BitSet present = words.present;
        for (int id = present.nextSetBit(0); id >= 0 && id < PHRASES_OF_NEEDLE.length; id = present.nextSetBit(id + 1)) {
            for (int phrase : PHRASES_OF_NEEDLE[id]) {
                candidates.set(phrase);
            }
        }
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            if (PHRASES[i].matches(words.lower, present)) {
                return Optional.of(PHRASE_REASON[i]);
            }
        }
        return Optional.empty();
    }
}
