package dev.mailgate.deliverability;

import dev.mailgate.deliverability.dns.DnsAnswer;
import dev.mailgate.deliverability.dns.DnsException;
import dev.mailgate.deliverability.dns.DnsResolver;
import dev.mailgate.deliverability.dns.DnsType;
import java.util.ArrayList;
import java.util.List;

/** MX of the From and envelope domains (RFC 5321 section 5.1, null MX RFC 7505) and the provider's CNAME. */
final class MxCheck {
    private MxCheck() {
    }

    static List<Finding> run(DnsResolver dns, SendingSetup setup) {
        List<Finding> out = new ArrayList<>();
        out.add(mx(dns, "mx", setup.domain(), "replies to the From address"));
        if (!setup.envelopeDomain().equals(setup.domain())) {
            out.add(mx(dns, "envelope-mx", setup.envelopeDomain(), "bounces to the envelope sender"));
        }
        cname(dns, setup).ifPresent(out::add);
        return out;
    }

    private static Finding mx(DnsResolver dns, String check, String domain, String what) {
        try {
            DnsAnswer answer = dns.query(domain, DnsType.MX);
            if (!answer.nameExists()) {
                return Finding.fail(check, domain + " does not exist in DNS, so " + what + " cannot be delivered and receivers reject the mail",
                        "use a domain that exists, or create " + domain);
            }
            List<String> hosts = answer.values().stream().map(v -> v.substring(v.indexOf(' ') + 1)).toList();
            if (hosts.size() == 1 && hosts.get(0).isEmpty()) {
                return Finding.fail(check, domain + " has a null MX (RFC 7505): it accepts no mail, so " + what + " are refused, and receivers may reject mail from it",
                        "publish real MX records for " + domain + ", or send from a domain that receives mail");
            }
            if (hosts.isEmpty()) {
                boolean hasAddress = !dns.query(domain, DnsType.A).isEmpty() || !dns.query(domain, DnsType.AAAA).isEmpty();
                return hasAddress
                        ? Finding.warn(check, domain + " has no MX; " + what + " go to its A/AAAA host (RFC 5321 section 5.1)", "publish an MX record for " + domain)
                        : Finding.fail(check, domain + " has neither MX nor A/AAAA records: " + what + " cannot be delivered", "publish an MX record for " + domain);
            }
            return Finding.pass(check, domain + " receives mail at " + String.join(", ", answer.values()));
        } catch (DnsException e) {
            return Finding.warn(check, "could not look up MX of " + domain + ": " + e.getMessage(), "run the check again");
        }
    }

    /**
     * CloudMailin asks for a CNAME on the sending subdomain (it carries their MX for bounces and their SPF). Reported
     * when a target is expected, or when the envelope domain is a CNAME.
     */
    private static java.util.Optional<Finding> cname(DnsResolver dns, SendingSetup setup) {
        String name = setup.envelopeDomain();
        try {
            List<String> targets = dns.query(name, DnsType.CNAME).values();
            if (setup.expectedCname().isEmpty()) {
                return targets.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Finding.pass("cname", name + " is a CNAME for " + targets.get(0)));
            }
            String expected = setup.expectedCname().get();
            if (targets.isEmpty()) {
                return java.util.Optional.of(Finding.fail("cname", name + " has no CNAME; the provider expects one for " + expected,
                        "publish " + name + " CNAME " + expected + " (and remove other records at " + name + ")"));
            }
            if (!targets.get(0).equals(expected)) {
                return java.util.Optional.of(Finding.fail("cname", name + " is a CNAME for " + targets.get(0) + ", not " + expected, "point the CNAME at " + expected));
            }
            return java.util.Optional.of(Finding.pass("cname", name + " is a CNAME for " + expected + " as the provider asks"));
        } catch (DnsException e) {
            return java.util.Optional.of(Finding.warn("cname", "could not look up CNAME of " + name + ": " + e.getMessage(), "run the check again"));
        }
    }
}
