package dev.mailgate.deliverability;

import java.util.Map;
import java.util.Objects;

/**
 * A DNS blocklist: a listed IP (reversed) or domain under {@code zone} has an A record whose address says why.
 *
 * @param meanings what each return address means; an address not in it is reported as "listed"
 */
public record Blocklist(String zone, Kind kind, String name, Map<String, String> meanings) {
    /** What the list is keyed on. */
    public enum Kind { IP, DOMAIN }

    /** Spamhaus's return codes for queries it refuses, common to ZEN and DBL. */
    private static final Map<String, String> SPAMHAUS_ERRORS = Map.of(
            "127.255.255.252", "error: typing error in the blocklist name",
            "127.255.255.254", "error: query through a public/open resolver, which Spamhaus refuses; ask from your own resolver",
            "127.255.255.255", "error: too many queries from this resolver");

    /** Spamhaus ZEN, the combined IP list (SBL, CSS, XBL, PBL): https://www.spamhaus.org/faq/section/DNSBL%20Usage. */
    public static final Blocklist SPAMHAUS_ZEN = new Blocklist("zen.spamhaus.org", Kind.IP, "Spamhaus ZEN", merge(Map.of(
            "127.0.0.2", "SBL: a known spam source or spam operation",
            "127.0.0.3", "SBL CSS: snowshoe spam (volume spread over many IPs)",
            "127.0.0.4", "XBL: an exploited or infected host (botnet, open proxy)",
            "127.0.0.9", "SBL DROP: a hijacked or criminal network",
            "127.0.0.10", "PBL (ISP): an end-user range that should not send mail directly; relay through your provider",
            "127.0.0.11", "PBL (Spamhaus): an end-user range that should not send mail directly; relay through your provider")));

    /** Spamhaus DBL, the domain list. */
    public static final Blocklist SPAMHAUS_DBL = new Blocklist("dbl.spamhaus.org", Kind.DOMAIN, "Spamhaus DBL", merge(Map.of(
            "127.0.1.2", "a spam domain",
            "127.0.1.4", "a phishing domain",
            "127.0.1.5", "a malware domain",
            "127.0.1.6", "a botnet command-and-control domain",
            "127.0.1.102", "an abused legitimate domain used in spam",
            "127.0.1.103", "an abused redirector or URL shortener",
            "127.0.1.104", "an abused legitimate domain used in phishing",
            "127.0.1.105", "an abused legitimate domain used for malware",
            "127.0.1.106", "an abused legitimate domain used for botnet C&C",
            "127.0.1.255", "error: the DBL takes domains, not IP addresses")));

    public Blocklist {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        meanings = Map.copyOf(meanings);
    }

    /** A list without a table of meanings (any answer is "listed"). */
    public static Blocklist ofIps(String zone) {
        return new Blocklist(zone, Kind.IP, zone, Map.of());
    }

    /** Whether the return address is the list refusing the query rather than a listing. */
    boolean isError(String address) {
        return address.startsWith("127.255.255.") || meanings.getOrDefault(address, "").startsWith("error:");
    }

    private static Map<String, String> merge(Map<String, String> codes) {
        java.util.HashMap<String, String> all = new java.util.HashMap<>(SPAMHAUS_ERRORS);
        all.putAll(codes);
        return all;
    }
}
