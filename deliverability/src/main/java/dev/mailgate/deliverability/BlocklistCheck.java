package dev.mailgate.deliverability;

import dev.mailgate.deliverability.dns.DnsException;
import dev.mailgate.deliverability.dns.DnsResolver;
import dev.mailgate.deliverability.dns.DnsType;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** DNSBL lookups (RFC 5782): the reversed IP or the domain under the list's zone; an A record means listed. */
final class BlocklistCheck {
    private BlocklistCheck() {
    }

    static List<Finding> run(DnsResolver dns, SendingSetup setup, List<Blocklist> lists) {
        List<Finding> out = new ArrayList<>();
        for (Blocklist list : lists) {
            if (list.kind() == Blocklist.Kind.IP) {
                setup.ip().ifPresent(ip -> out.add(lookup(dns, list, reversed(ip), ip.getHostAddress())));
            } else {
                out.add(lookup(dns, list, setup.domain(), setup.domain()));
                if (!setup.envelopeDomain().equals(setup.domain())) {
                    out.add(lookup(dns, list, setup.envelopeDomain(), setup.envelopeDomain()));
                }
            }
        }
        return out;
    }

    private static Finding lookup(DnsResolver dns, Blocklist list, String key, String shown) {
        String check = "blocklist:" + list.zone();
        List<String> codes;
        try {
            codes = dns.query(key + "." + list.zone(), DnsType.A).values();
        } catch (DnsException e) {
            return Finding.warn(check, "could not ask " + list.name() + " about " + shown + ": " + e.getMessage(), "run the check again");
        }
        if (codes.isEmpty()) {
            return Finding.pass(check, shown + " is not on " + list.name());
        }
        List<String> meanings = codes.stream().map(c -> c + " " + list.meanings().getOrDefault(c, "listed")).toList();
        if (codes.stream().allMatch(list::isError)) {
            return Finding.warn(check, list.name() + " did not answer for " + shown + ": " + String.join("; ", meanings),
                    "ask from a resolver of your own (public resolvers are refused), or register for the list's data query service");
        }
        return Finding.fail(check, shown + " is on " + list.name() + ": " + String.join("; ", meanings),
                "fix the cause, then request removal on " + list.name() + "'s lookup page");
    }

    /** 203.0.113.7 → 7.113.0.203; IPv6 as reversed nibbles (RFC 5782 section 2.4). */
    static String reversed(InetAddress ip) {
        byte[] a = ip.getAddress();
        StringBuilder b = new StringBuilder();
        if (ip instanceof Inet4Address) {
            for (int i = a.length - 1; i >= 0; i--) {
                b.append(a[i] & 0xff).append(i > 0 ? "." : "");
            }
            return b.toString();
        }
        for (int i = a.length - 1; i >= 0; i--) {
            b.append(Character.forDigit(a[i] & 0xf, 16)).append('.').append(Character.forDigit((a[i] >> 4) & 0xf, 16));
            if (i > 0) {
                b.append('.');
            }
        }
        return b.toString();
    }
}
