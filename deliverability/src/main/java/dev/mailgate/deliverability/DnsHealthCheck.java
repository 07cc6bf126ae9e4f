package dev.mailgate.deliverability;

import dev.mailgate.core.address.PublicSuffixList;
import dev.mailgate.deliverability.dns.DnsResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Looks up and explains what receivers check before they trust mail from a domain (the generic SMTP seed's
 * troubleshooting: "Have you set up DKIM and SPF? Check whether your IP/domain is blacklisted by Spamhaus"):
 * <ul>
 *   <li>SPF of the envelope domain: present, valid, within 10 DNS lookups, and whether it authorizes the IP;</li>
 *   <li>the DKIM key record of the selector: present, key type and size, and whether it matches the private key;</li>
 *   <li>DMARC: the policy of the From domain (or its organizational domain) and whether SPF's or DKIM's domain aligns
 *       with From;</li>
 *   <li>MX of the From domain (null MX), MX of the envelope domain (bounces must arrive), the expected CNAME;</li>
 *   <li>the IP on IP blocklists and the domain on domain blocklists, with the meaning of the return code.</li>
 * </ul>
 * Thread-safe; every run asks DNS afresh.
 */
public final class DnsHealthCheck {
    private final DnsResolver dns;
    private final List<Blocklist> blocklists;
    private final PublicSuffixList suffixes;

    private DnsHealthCheck(DnsResolver dns, List<Blocklist> blocklists, PublicSuffixList suffixes) {
        this.dns = dns;
        this.blocklists = List.copyOf(blocklists);
        this.suffixes = suffixes;
    }

    /** With Spamhaus ZEN and DBL and {@link PublicSuffixList#standard()} (the bundled list unless a file is named). */
    public static DnsHealthCheck using(DnsResolver dns) {
        return new DnsHealthCheck(Objects.requireNonNull(dns, "dns"), List.of(Blocklist.SPAMHAUS_ZEN, Blocklist.SPAMHAUS_DBL), PublicSuffixList.standard());
    }

    /** The same check against other blocklists (none to skip them). */
    public DnsHealthCheck withBlocklists(List<Blocklist> lists) {
        return new DnsHealthCheck(dns, lists, suffixes);
    }

    /** The same check with another public suffix list, e.g. {@link PublicSuffixList#load} of a file kept current. */
    public DnsHealthCheck withPublicSuffixList(PublicSuffixList list) {
        return new DnsHealthCheck(dns, blocklists, Objects.requireNonNull(list, "list"));
    }

    public HealthReport run(SendingSetup setup) {
        List<Finding> findings = new ArrayList<>();
        List<String> notChecked = new ArrayList<>();
        findings.add(SpfCheck.run(dns, setup));
        if (setup.selector().isPresent()) {
            findings.add(DkimRecordCheck.run(dns, setup));
        } else {
            notChecked.add("dkim (give the selector)");
        }
        findings.addAll(DmarcCheck.run(dns, setup, suffixes));
        findings.addAll(MxCheck.run(dns, setup));
        if (setup.ip().isEmpty() && blocklists.stream().anyMatch(b -> b.kind() == Blocklist.Kind.IP)) {
            notChecked.add("IP blocklists (give the sending IP)");
        }
        findings.addAll(BlocklistCheck.run(dns, setup, blocklists));
        return new HealthReport(setup.domain(), findings, notChecked);
    }
}
