package dev.mailgate.deliverability;

import dev.mailgate.deliverability.dns.DnsResolver;
import dev.mailgate.deliverability.internal.SpfEvaluator;
import dev.mailgate.deliverability.internal.SpfEvaluator.Outcome;
import dev.mailgate.deliverability.internal.SpfEvaluator.Result;
import java.net.Inet4Address;
import java.net.InetAddress;

/** SPF of the envelope domain (RFC 7208): the audit of the whole policy, then the verdict for the sending IP. */
final class SpfCheck {
    private static final String CHECK = "spf";

    private SpfCheck() {
    }

    static Finding run(DnsResolver dns, SendingSetup setup) {
        String domain = setup.envelopeDomain();
        String sender = "postmaster@" + domain;
        Outcome audit = SpfEvaluator.evaluate(dns, null, domain, sender);
        String warnings = audit.warnings().isEmpty() ? "" : "; " + String.join("; ", audit.warnings());
        switch (audit.result()) {
            case NONE:
                return Finding.fail(CHECK, domain + " publishes no SPF record", "publish TXT \"v=spf1 "
                        + setup.ip().map(SpfCheck::mechanism).orElse("ip4:<your sending IP>") + " -all\" at " + domain);
            case PERMERROR:
                return Finding.fail(CHECK, "the SPF record of " + domain + " is broken: " + audit.matched(),
                        audit.matched().startsWith("more than 10") ? "flatten includes into ip4:/ip6: ranges, or drop senders you no longer use"
                                : "correct the record (syntax of RFC 7208 section 12): " + audit.record());
            case TEMPERROR:
                return Finding.warn(CHECK, "could not check SPF: " + audit.matched(), "run the check again; if it persists, check the domain's DNS servers");
            default:
                break;
        }
        if (setup.ip().isEmpty()) {
            String strength = switch (audit.result()) {
                case FAIL -> "unlisted senders fail (-all)";
                case SOFTFAIL -> "unlisted senders soft-fail (~all)";
                case PASS -> "every sender passes (+all)";
                default -> "unlisted senders are neutral";
            };
            String summary = domain + ": " + audit.record() + " (" + audit.lookups() + " of 10 lookups; " + strength + ")" + warnings;
            if (audit.result() == Result.PASS || audit.result() == Result.NEUTRAL) {
                return Finding.warn(CHECK, summary, "end the record with ~all or -all so that forged mail is not accepted");
            }
            return audit.warnings().isEmpty() ? Finding.pass(CHECK, summary) : Finding.warn(CHECK, summary, "see the warnings above");
        }
        InetAddress ip = setup.ip().get();
        Outcome verdict = SpfEvaluator.evaluate(dns, ip, domain, sender);
        String summary = "SPF " + verdict.result().name().toLowerCase(java.util.Locale.ROOT) + " for " + ip.getHostAddress()
                + " at " + domain + " (" + verdict.matched() + "; worst case " + audit.lookups() + " of 10 lookups)" + warnings;
        return switch (verdict.result()) {
            case PASS -> audit.warnings().isEmpty() ? Finding.pass(CHECK, summary) : Finding.warn(CHECK, summary, "see the warnings above");
            case FAIL, SOFTFAIL, NEUTRAL, NONE -> Finding.fail(CHECK, summary, "add " + mechanism(ip) + " to the SPF record of " + domain + " (before the \"all\")");
            case TEMPERROR -> Finding.warn(CHECK, summary, "run the check again; if it persists, check the domain's DNS servers");
            case PERMERROR -> Finding.fail(CHECK, summary, "correct the record: " + verdict.record());
        };
    }

    private static String mechanism(InetAddress ip) {
        return (ip instanceof Inet4Address ? "ip4:" : "ip6:") + ip.getHostAddress();
    }
}
