package dev.mailgate.bounce.internal.classify;

import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Receiving systems that publish their own error codes, or whose replies mean something else than their words: their
 * tables decide before the general rules. The tables are the operators' published code lists as the sisimai
 * classifier's {@code Sisimai::Rhost::*} modules (BSD 2-Clause) collect them; a host is recognized by the code
 * format only it writes, or by the name of the refusing MTA.
 */
final class ReceivingHosts {
    private ReceivingHosts() {
    }

    /**
     * Orange and La Poste end every refusal with their code, {@code OFR005_505 [505]}, {@code LPN007_102},
     * {@code OFR_999}; the last three digits are the reason. Codes that Orange uses for several reasons are left out.
     */
    private static final Pattern ORANGE_CODE = Pattern.compile("\\b(?:ofr|lpn|ouk)[a-z]{0,8}\\d{0,4}_(\\d{3})\\b");
    private static final Map<String, BounceReason> ORANGE = Map.ofEntries(
            Map.entry("101", BounceReason.BLOCKED), Map.entry("102", BounceReason.BLOCKED), Map.entry("103", BounceReason.BLOCKED),
            Map.entry("104", BounceReason.TOO_MANY_CONNECTIONS), Map.entry("108", BounceReason.BLOCKED),
            Map.entry("305", BounceReason.SECURITY_ERROR), Map.entry("401", BounceReason.BLOCKED),
            Map.entry("402", BounceReason.SECURITY_ERROR), Map.entry("403", BounceReason.REJECTED),
            Map.entry("405", BounceReason.REJECTED), Map.entry("415", BounceReason.REJECTED),
            Map.entry("416", BounceReason.USER_UNKNOWN), Map.entry("417", BounceReason.MAILBOX_FULL),
            Map.entry("418", BounceReason.USER_UNKNOWN), Map.entry("420", BounceReason.SUSPEND),
            Map.entry("421", BounceReason.REJECTED), Map.entry("426", BounceReason.SUSPEND),
            Map.entry("505", BounceReason.SYSTEM_ERROR), Map.entry("506", BounceReason.SPAM_DETECTED),
            Map.entry("510", BounceReason.BLOCKED), Map.entry("514", BounceReason.MESSAGE_TOO_BIG),
            Map.entry("517", BounceReason.POLICY_VIOLATION), Map.entry("630", BounceReason.POLICY_VIOLATION),
            Map.entry("999", BounceReason.BLOCKED));

    /**
     * Sophos Central Email ends its refusal with its code, {@code XGEMAIL_0011} (docs.sophos.com, Sophos Email "SMTP
     * error codes"): 0001 no valid DKIM signature, 0002 SPF failed, 0003 DMARC failed, 0004 the sending IP on an RBL,
     * 0009 in the recipient's own block list, 0010 a domain it does not protect (not its to relay for), 0011 no such
     * recipient, 0012 over the allowed size, 0014 / 0015 over the recipient's inbound rate limit.
     */
    private static final Pattern SOPHOS_CODE = Pattern.compile("xgemail_(\\d{4})");
    private static final Map<String, BounceReason> SOPHOS = Map.of("0001", BounceReason.AUTH_FAILURE, "0002", BounceReason.AUTH_FAILURE,
            "0003", BounceReason.AUTH_FAILURE, "0004", BounceReason.BLOCKED, "0009", BounceReason.FILTERED, "0010", BounceReason.NO_RELAYING,
            "0011", BounceReason.USER_UNKNOWN, "0012", BounceReason.MESSAGE_TOO_BIG, "0014", BounceReason.SPEEDING, "0015", BounceReason.SPEEDING);

    /**
     * SFR (Grand Public) names its inbound block {@code SFR_IN_xyz}, the first digit internal, the last two the
     * behaviour that got the sending IP blocked for two hours (as bentonow.com lists SFR's codes): 01 too many spam
     * messages, 02 viruses, 03 SMTP protocol errors, 04 too many unknown users -- blocks of the IP -- and 05 over the
     * volume limit, a rate.
     */
    private static final Pattern SFR_CODE = Pattern.compile("\\bsfr_in_\\d(0[1-5])\\b");

    /**
     * Cox cites its acceptable-use code, {@code AUP#CXBL}, from its postmaster's "Error Codes" table
     * (postmaster.cox.net): CXBL blocked for spam-like behaviour, CDRBL the same for up to 24 hours, IPBLnnnn listed
     * on DNSBLs, CXCNCT too many connections, CXMXRT over the maximum number of messages (as quoted on forums.cox.com
     * and by suped.com). Checked before Spectrum's, whose code is also after "AUP#".
     */
    private static final Pattern COX_CODE = Pattern.compile("aup#(cxbl|cdrbl|ipbl\\d{4}|cxcnct|cxmxrt)\\b");
    private static final Map<String, BounceReason> COX = Map.of("cxbl", BounceReason.BLOCKED, "cdrbl", BounceReason.BLOCKED,
            "cxcnct", BounceReason.TOO_MANY_CONNECTIONS, "cxmxrt", BounceReason.SPEEDING);

    /**
     * Deutsche Telekom (T-Online) refuses at connect with "554 IP=a.b.c.d - text (CODE)" (postmaster.t-online.de,
     * 4.1 / 4.7; the codes as operators quote them): BL the IP is on its blocklist, DIAL a dial-up or transient IP,
     * NOWL no or bad reputation (an IP it does not know or trust).
     */
    private static final Pattern TONLINE_CODE = Pattern.compile("^5\\d\\d ip=\\S+ - .*\\((bl|dial|nowl)\\)");
    private static final Map<String, BounceReason> TONLINE = Map.of("bl", BounceReason.BLOCKED, "dial", BounceReason.BLOCKED,
            "nowl", BounceReason.BAD_REPUTATION);

    /**
     * GoDaddy (secureserver.net) ends each refusal with its code, "554 Connection refused. This IP is listed on the
     * Spamhaus Block List (SBL). IB104"; the table as sisimai's Rhost::GoDaddy (4.25) collects GoDaddy's texts, in
     * this vocabulary's newer reasons where the text says more: IB508 "Invalid SPF record" authfailure (RFC 7208),
     * IB504/IB607 "too many ... this hour" speeding, IB103 "poor reputation on Cloudmark" badreputation, IB108
     * "Reverse DNS for this IP failed" requireptr (the shared samples read IB508 and IB607 so).
     */
    private static final Pattern GODADDY_CODE = Pattern.compile("\\b(ib\\d{3})\\b");
    private static final Pattern GODADDY_CODE_AT_END = Pattern.compile("\\bib\\d{3}\\W*$");
    private static final Map<String, BounceReason> GODADDY = Map.ofEntries(
            Map.entry("ib103", BounceReason.BAD_REPUTATION), Map.entry("ib104", BounceReason.BLOCKED),
            Map.entry("ib105", BounceReason.BLOCKED), Map.entry("ib106", BounceReason.BLOCKED),
            Map.entry("ib007", BounceReason.TOO_MANY_CONNECTIONS), Map.entry("ib101", BounceReason.EXPIRED),
            Map.entry("ib108", BounceReason.REQUIRE_PTR), Map.entry("ib110", BounceReason.BLOCKED),
            Map.entry("ib111", BounceReason.BLOCKED), Map.entry("ib112", BounceReason.BLOCKED),
            Map.entry("ib113", BounceReason.BLOCKED), Map.entry("ib212", BounceReason.SPAM_DETECTED),
            Map.entry("ib401", BounceReason.SECURITY_ERROR), Map.entry("ib501", BounceReason.REJECTED),
            Map.entry("ib502", BounceReason.REJECTED), Map.entry("ib504", BounceReason.SPEEDING),
            Map.entry("ib506", BounceReason.REJECTED), Map.entry("ib508", BounceReason.AUTH_FAILURE),
            Map.entry("ib510", BounceReason.TOO_MANY_CONNECTIONS), Map.entry("ib607", BounceReason.SPEEDING),
            Map.entry("ib705", BounceReason.VIRUS_DETECTED));

    /**
     * i.ua links each refusal to its code page, {@code mail.i.ua/err/N} (the table of sisimai's Rhost::IUA; 5,
     * "Letter sending limit is exceeded", is a rate: speeding).
     */
    private static final Pattern IUA_CODE = Pattern.compile("\\.i\\.ua/err/(\\d{1,2})\\b");
    private static final Map<String, BounceReason> IUA = Map.of("1", BounceReason.NO_RELAYING, "2", BounceReason.USER_UNKNOWN,
            "3", BounceReason.SUSPEND, "4", BounceReason.MAILBOX_FULL, "5", BounceReason.SPEEDING,
            "6", BounceReason.NO_RELAYING, "7", BounceReason.BLOCKED, "8", BounceReason.REJECTED, "9", BounceReason.BLOCKED,
            "10", BounceReason.FILTERED);

    /** Spectrum (Charter) cites its acceptable-use code, {@code AUP#In-1310}, from a documented table of ranges. */
    private static final Pattern SPECTRUM_CODE = Pattern.compile("aup#[a-z-]{0,16}(\\d{4})");

    private record Range(int from, int to, BounceReason reason) {
    }

    private static final List<Range> SPECTRUM = List.of(
            new Range(1000, 1000, BounceReason.BLOCKED), new Range(1010, 1010, BounceReason.REJECTED),
            new Range(1020, 1080, BounceReason.REJECTED), new Range(1090, 1090, BounceReason.SYSTEM_ERROR),
            new Range(1100, 1150, BounceReason.BLOCKED), new Range(1160, 1190, BounceReason.POLICY_VIOLATION),
            new Range(1200, 1250, BounceReason.BLOCKED), new Range(1260, 1260, BounceReason.NETWORK_ERROR),
            new Range(1300, 1490, BounceReason.TOO_MANY_CONNECTIONS), new Range(1500, 1520, BounceReason.REJECTED),
            new Range(1530, 1530, BounceReason.MESSAGE_TOO_BIG), new Range(1540, 1550, BounceReason.TOO_MANY_CONNECTIONS),
            new Range(1560, 1560, BounceReason.POLICY_VIOLATION));

    private record Reply(int code, String words, BounceReason reason) {
    }

    /** Mimecast's documented rejection texts, each with the reply code it comes with. */
    private static final List<Reply> MIMECAST = List.of(
            new Reply(421, "sender address blocked", BounceReason.BLOCKED),
            new Reply(451, "ip temporarily blacklisted", BounceReason.BLOCKED),
            new Reply(550, "local ct ip reputation", BounceReason.BLOCKED),
            new Reply(550, "spf sender invalid - envelope rejected", BounceReason.BLOCKED),
            new Reply(550, "dkim sender invalid - envelope rejected", BounceReason.BLOCKED),
            new Reply(550, "dmarc sender invalid - envelope rejected", BounceReason.BLOCKED),
            new Reply(554, "maximum email size exceeded", BounceReason.MESSAGE_TOO_BIG),
            new Reply(554, "mail loop detected", BounceReason.NETWORK_ERROR),
            new Reply(451, "open relay not allowed", BounceReason.NO_RELAYING),
            new Reply(451, "account inbounds disabled", BounceReason.NOT_ACCEPT),
            new Reply(550, "anti-spoofing policy - inbound not allowed", BounceReason.POLICY_VIOLATION),
            new Reply(550, "rejected by header-based anti-spoofing policy", BounceReason.POLICY_VIOLATION),
            new Reply(550, "message bounced due to content examination policy", BounceReason.POLICY_VIOLATION),
            new Reply(554, "host network not allowed", BounceReason.POLICY_VIOLATION),
            new Reply(550, "administrative prohibition envelope blocked", BounceReason.REJECTED),
            new Reply(550, "envelope blocked", BounceReason.REJECTED),
            new Reply(550, "blocked senders", BounceReason.REJECTED),
            new Reply(550, "block policy for envelope from address", BounceReason.REJECTED),
            new Reply(535, "incorrect authentication data", BounceReason.SECURITY_ERROR),
            new Reply(553, "this route requires", BounceReason.SECURITY_ERROR),
            new Reply(554, "configuration is invalid for this certificate", BounceReason.SECURITY_ERROR),
            new Reply(451, "unable to process", BounceReason.SYSTEM_ERROR),
            new Reply(451, "message ended early", BounceReason.SYSTEM_ERROR),
            new Reply(451, "account service is temporarily unavailable", BounceReason.TOO_MANY_CONNECTIONS),
            new Reply(452, "too many recipients", BounceReason.TOO_MANY_CONNECTIONS),
            new Reply(550, "exceeding outbound thread limit", BounceReason.TOO_MANY_CONNECTIONS),
            new Reply(501, "invalid address", BounceReason.USER_UNKNOWN),
            new Reply(503, "user unknown", BounceReason.USER_UNKNOWN),
            new Reply(550, "invalid recipient", BounceReason.USER_UNKNOWN),
            // Mimecast's attachment and signature scanning ("MCSpamSignature", "MCVirusSignature") answers this
            new Reply(554, "email rejected due to security policies", BounceReason.VIRUS_DETECTED));

    /**
     * The reason a receiving host's own table gives, if the reply comes from such a host and its table knows it.
     *
     * @param remoteMta the refusing MTA's name, lower or mixed case, empty when the report does not say
     * @param command the SMTP command the reply answered, when known
     */
    static Optional<BounceReason> reasonOf(String remoteMta, String diagnostic, OptionalInt replyCode,
            Optional<EnhancedStatusCode> status, Optional<String> command) {
        String lower = diagnostic.toLowerCase(Locale.ROOT);
        // a matcher only for a reply that has the code's mark: two per diagnostic were made and dropped
        Matcher orange = lower.indexOf('_') >= 0 ? ORANGE_CODE.matcher(lower) : null;
        if (orange != null && orange.find() && ORANGE.containsKey(orange.group(1))) {
            return Optional.of(ORANGE.get(orange.group(1)));
        }
        Matcher sophos = lower.contains("xgemail_") ? SOPHOS_CODE.matcher(lower) : null;
        if (sophos != null && sophos.find() && SOPHOS.containsKey(sophos.group(1))) {
            return Optional.of(SOPHOS.get(sophos.group(1)));
        }
        Matcher sfr = lower.contains("sfr_in_") ? SFR_CODE.matcher(lower) : null;
        if (sfr != null && sfr.find()) {
            return Optional.of(sfr.group(1).equals("05") ? BounceReason.SPEEDING : BounceReason.BLOCKED);
        }
        Matcher tonline = lower.contains(" ip=") ? TONLINE_CODE.matcher(lower) : null;
        if (tonline != null && tonline.find()) {
            return Optional.of(TONLINE.get(tonline.group(1)));
        }
        Matcher cox = lower.contains("aup#") ? COX_CODE.matcher(lower) : null;
        if (cox != null && cox.find()) {
            return Optional.of(COX.getOrDefault(cox.group(1), BounceReason.BLOCKED));
        }
        Matcher spectrum = lower.contains("aup#") ? SPECTRUM_CODE.matcher(lower) : null;
        if (spectrum != null && spectrum.find()) {
            int code = Integer.parseInt(spectrum.group(1));
            return SPECTRUM.stream().filter(r -> code >= r.from && code <= r.to).map(Range::reason).findFirst();
        }
        String host = remoteMta.toLowerCase(Locale.ROOT);
        if (lower.contains("ib") && (host.endsWith("secureserver.net") || GODADDY_CODE_AT_END.matcher(lower).find())) {
            Matcher godaddy = GODADDY_CODE.matcher(lower);
            while (godaddy.find()) {
                if (GODADDY.containsKey(godaddy.group(1))) {
                    return Optional.of(GODADDY.get(godaddy.group(1)));
                }
            }
        }
        Matcher iua = lower.contains("i.ua/err/") ? IUA_CODE.matcher(lower) : null;
        if (iua != null && iua.find() && IUA.containsKey(iua.group(1))) {
            return Optional.of(IUA.get(iua.group(1)));
        }
        // Mimecast is known by its MTA's name, or by the link to its code page that every refusal of it carries
        boolean mimecast = host.endsWith(".mimecast.com") || lower.contains("community.mimecast.com/docs/doc-1369");
        OptionalInt code3 = replyCode.isPresent() ? replyCode : leadingCode(lower);
        if (mimecast && code3.isPresent()) {
            int code = code3.getAsInt();
            return MIMECAST.stream().filter(r -> r.code == code && lower.contains(r.words)).map(Reply::reason).findFirst();
        }
        if (host.endsWith("docomo.ne.jp")) {
            return docomo(lower, status, command);
        }
        return Optional.empty();
    }

    /** The reply code a diagnostic starts with ("550 ..."), for reports that do not give it apart. */
    private static OptionalInt leadingCode(String lower) {
        if (lower.length() >= 4 && lower.charAt(0) >= '2' && lower.charAt(0) <= '5' && Character.isDigit(lower.charAt(1))
                && Character.isDigit(lower.charAt(2)) && (lower.charAt(3) == ' ' || lower.charAt(3) == '-')) {
            return OptionalInt.of(Integer.parseInt(lower.substring(0, 3)));
        }
        return OptionalInt.empty();
    }

    /**
     * NTT docomo answers "550 Unknown user" both to RCPT for a missing mailbox and, after DATA, when the recipient's
     * own settings refuse the sender (domain or address filtering): the latter is a refusal of the sender.
     */
    private static Optional<BounceReason> docomo(String lower, Optional<EnhancedStatusCode> status, Optional<String> command) {
        if (lower.contains("552 too much mail data")) {
            return Optional.of(BounceReason.MAILBOX_FULL);
        }
        if (lower.contains("552 too many recipients")) {
            return Optional.of(BounceReason.TOO_MANY_CONNECTIONS);
        }
        boolean generic = status.map(s -> s.subject() == 0 && s.detail() == 0).orElse(true);
        if (generic && command.filter("DATA"::equals).isPresent()) {
            return Optional.of(BounceReason.REJECTED);
        }
        return Optional.empty();
    }
}
