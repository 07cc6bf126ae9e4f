package dev.mailgate.cloudmailin.rules;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** CloudMailin's rules (seed 003), ids {@code cloudmailin.*}. */
public final class CloudMailinRules {
    private CloudMailinRules() {
    }

    /**
     * @param flagBulk also refuse obvious bulk mail: CloudMailin outbound "is only for Transactional email"
     */
    public static List<Rule> of(String sendingDomain, String envelopeDomain, boolean flagBulk) {
        List<Rule> rules = new ArrayList<>();
        rules.add(Rule.of("cloudmailin.from-domain", m -> fromDomain(m, sendingDomain)));
        rules.add(Rule.of("cloudmailin.envelope-subdomain", m -> envelope(m, envelopeDomain)));
        if (flagBulk) {
            rules.add(Rule.of("cloudmailin.transactional-only", CloudMailinRules::bulk));
        }
        return List.copyOf(rules);
    }

    /** The headers stay as user@example.com: From's domain is the sending domain. */
    private static List<Violation> fromDomain(RenderedMessage m, String sendingDomain) {
        List<String> from = m.headers("From");
        if (from.size() != 1) {
            return List.of(new Violation("cloudmailin.from-domain", "From", from.size() + " From headers; one is required"));
        }
        try {
            List<EmailAddress> addresses = EmailAddress.parseList(from.get(0));
            for (EmailAddress a : addresses) {
                if (!a.normalizedDomain().equals(sendingDomain)) {
                    return List.of(new Violation("cloudmailin.from-domain", "From", "the From domain " + a.normalizedDomain()
                            + " is not the configured sending domain " + sendingDomain));
                }
            }
            return List.of();
        } catch (InvalidAddressException e) {
            return List.of(new Violation("cloudmailin.from-domain", "From", "not a valid address: " + e.getMessage()));
        }
    }

    /** Seed: "The SMTP conversation will send the message from bounces+12345@mta.example.com". */
    private static List<Violation> envelope(RenderedMessage m, String envelopeDomain) {
        return m.envelope().mailFrom().filter(a -> a.normalizedDomain().equals(envelopeDomain)).isPresent() ? List.of()
                : List.of(new Violation("cloudmailin.envelope-subdomain", "envelope.from", "the envelope sender "
                        + m.envelope().mailFrom().map(EmailAddress::address).orElse("<>") + " is not on the envelope domain "
                        + envelopeDomain + ", where CloudMailin handles bounces"));
    }

    /** Obvious signs of a newsletter: List-Unsubscribe (RFC 2369), List-Id (RFC 2919), Precedence: bulk/list/junk. */
    private static List<Violation> bulk(RenderedMessage m) {
        List<Violation> out = new ArrayList<>();
        for (String header : List.of("List-Unsubscribe", "List-Id")) {
            if (!m.headers(header).isEmpty()) {
                out.add(new Violation("cloudmailin.transactional-only", header, "a " + header + " header marks bulk mail; "
                        + "CloudMailin outbound is only for transactional email"));
            }
        }
        for (String p : m.headers("Precedence")) {
            String v = p.strip().toLowerCase(Locale.ROOT);
            if (v.equals("bulk") || v.equals("list") || v.equals("junk")) {
                out.add(new Violation("cloudmailin.transactional-only", "Precedence", "Precedence: " + v
                        + " marks bulk mail; CloudMailin outbound is only for transactional email"));
            }
        }
        return out;
    }
}
