package dev.mailgate.deliverability;

import dev.mailgate.core.address.PublicSuffixList;
import dev.mailgate.deliverability.dns.DnsException;
import dev.mailgate.deliverability.dns.DnsResolver;
import dev.mailgate.deliverability.dns.DnsType;
import dev.mailgate.deliverability.internal.TagList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The DMARC policy of the From domain and the alignment of SPF's and DKIM's domains with it (RFC 7489). */
final class DmarcCheck {
    private static final String CHECK = "dmarc";

    private DmarcCheck() {
    }

    static List<Finding> run(DnsResolver dns, SendingSetup setup, PublicSuffixList suffixes) {
        String from = setup.domain();
        String org = suffixes.organizationalDomain(from);
        List<Finding> out = new ArrayList<>();
        Map<String, String> policy = null;
        String where = "_dmarc." + from;
        try {
            // Section 6.6.3: the From domain's record, else the organizational domain's (whose sp= then applies).
            List<String> records = records(dns, where);
            if (records.isEmpty() && !org.equals(from)) {
                where = "_dmarc." + org;
                records = records(dns, where);
            }
            String fix = "publish TXT \"v=DMARC1; p=none; rua=mailto:dmarc-reports@" + org + "\" at _dmarc." + org
                    + ", read the reports, then move to p=quarantine";
            if (records.isEmpty()) {
                out.add(Finding.fail(CHECK, "no DMARC record for " + from + (org.equals(from) ? "" : " or " + org)
                        + " (Gmail and Yahoo require one from bulk senders)", fix));
            } else if (records.size() > 1) {
                out.add(Finding.fail(CHECK, where + " has " + records.size() + " DMARC records, so receivers apply none (RFC 7489 section 6.6.3)", "keep one record at " + where));
            } else {
                try {
                    policy = TagList.parse(records.get(0));
                    out.add(policyFinding(policy, where, !where.equals("_dmarc." + from), fix));
                } catch (IllegalArgumentException e) {
                    out.add(Finding.fail(CHECK, "the DMARC record at " + where + " is malformed: " + e.getMessage(), fix));
                }
            }
        } catch (DnsException e) {
            out.add(Finding.warn(CHECK, "could not look up " + where + ": " + e.getMessage(), "run the check again"));
        }
        out.add(alignment(setup, suffixes, policy));
        return out;
    }

    private static List<String> records(DnsResolver dns, String name) {
        return dns.query(name, DnsType.TXT).values().stream().filter(v -> v.startsWith("v=DMARC1")).toList();
    }

    private static Finding policyFinding(Map<String, String> tags, String where, boolean inherited, String fix) {
        String p = inherited && tags.containsKey("sp") ? tags.get("sp") : tags.get("p");
        if (p == null || !p.matches("none|quarantine|reject")) {
            return Finding.fail(CHECK, "the DMARC record at " + where + " has " + (p == null ? "no p=" : "the invalid p=" + p), "set p=none, p=quarantine or p=reject");
        }
        String pct = tags.getOrDefault("pct", "100");
        String rua = tags.containsKey("rua") ? ", reports to " + tags.get("rua") : ", no aggregate reports (rua=)";
        String summary = (inherited && tags.containsKey("sp") ? "subdomain policy (sp=) " : "policy ") + p + (pct.equals("100") ? "" : " for " + pct + "% of failing mail") + " at " + where + rua;
        if (p.equals("none")) {
            return Finding.warn(CHECK, summary + ": monitoring only, forged mail is still delivered", "once the reports show your mail aligned, move to p=quarantine, then p=reject");
        }
        if (!tags.containsKey("rua")) {
            return Finding.warn(CHECK, summary, "add rua=mailto:<address> to learn who sends as your domain");
        }
        return Finding.pass(CHECK, summary);
    }

    /** Section 3.1: relaxed alignment compares organizational domains, strict the exact names. */
    private static Finding alignment(SendingSetup setup, PublicSuffixList suffixes, Map<String, String> policy) {
        boolean strictSpf = policy != null && "s".equals(policy.get("aspf"));
        boolean strictDkim = policy != null && "s".equals(policy.get("adkim"));
        String from = setup.domain();
        boolean spf = aligned(from, setup.envelopeDomain(), strictSpf, suffixes);
        boolean dkim = aligned(from, setup.dkimDomain(), strictDkim, suffixes);
        String summary = "From " + from + (spf ? " aligns" : " does not align") + " with the SPF domain " + setup.envelopeDomain()
                + (strictSpf ? " (strict)" : " (relaxed)") + " and" + (dkim ? " aligns" : " does not align") + " with DKIM d="
                + setup.dkimDomain() + (strictDkim ? " (strict)" : " (relaxed)");
        if (!spf && !dkim) {
            return Finding.fail("alignment", summary + ": DMARC fails even when SPF and DKIM pass",
                    "sign with d=" + suffixes.organizationalDomain(from) + " or send with a MAIL FROM under " + suffixes.organizationalDomain(from));
        }
        if (!dkim) {
            return Finding.warn("alignment", summary + ": forwarding breaks SPF, so mail relies on SPF alone", "sign with DKIM for d=" + from);
        }
        return Finding.pass("alignment", summary);
    }

    private static boolean aligned(String from, String other, boolean strict, PublicSuffixList suffixes) {
        return strict ? from.equals(other) : suffixes.organizationalDomain(from).equals(suffixes.organizationalDomain(other));
    }
}
