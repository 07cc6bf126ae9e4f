package dev.mailgate.deliverability.internal;

import dev.mailgate.deliverability.dns.DnsAnswer;
import dev.mailgate.deliverability.dns.DnsException;
import dev.mailgate.deliverability.dns.DnsResolver;
import dev.mailgate.deliverability.dns.DnsType;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 7208 check_host(): evaluates a domain's SPF policy for a client IP, counting DNS lookups (at most 10, section
 * 4.6.4) and void lookups (at most 2). Without an IP it walks the whole policy, so the count is the worst case a
 * receiver can meet, and reports the policy's default result. Not thread-safe: one instance per evaluation.
 */
public final class SpfEvaluator {
    public enum Result { PASS, FAIL, SOFTFAIL, NEUTRAL, NONE, PERMERROR, TEMPERROR }

    /**
     * @param record the top-level SPF record, or empty when there is none
     * @param matched the directive that decided, or a description of the error
     */
    public record Outcome(Result result, String record, String matched, int lookups, List<String> warnings) {
    }

    static final int MAX_LOOKUPS = 10;
    static final int MAX_VOID = 2;
    private static final Pattern SPF = Pattern.compile("(?i)v=spf1(?: .*)?");
    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*)=(.*)");
    private static final Pattern MACRO = Pattern.compile("%(?:\\{([slodiphcrtvSLODIPHCRTV])(\\d*)(r?)([.\\-+,/_=]*)}|%|_|-)");

    private final DnsResolver dns;
    private final InetAddress ip;
    private final String sender;
    private int lookups;
    private int voids;
    private final List<String> warnings = new ArrayList<>();

    private SpfEvaluator(DnsResolver dns, InetAddress ip, String sender) {
        this.dns = dns;
        this.ip = ip;
        this.sender = sender;
    }

    /**
     * @param ip the client IP, or null to audit the policy without one
     * @param sender the MAIL FROM address (for macros), e.g. {@code bounces@mta.example.com}
     */
    public static Outcome evaluate(DnsResolver dns, InetAddress ip, String domain, String sender) {
        SpfEvaluator e = new SpfEvaluator(dns, ip, sender);
        String[] record = new String[1];
        Step s;
        try {
            s = e.checkHost(domain, record, 0);
        } catch (Fail f) {
            s = new Step(f.result, f.getMessage());
        }
        return new Outcome(s.result, record[0] == null ? "" : record[0], s.detail, e.lookups, List.copyOf(e.warnings));
    }

    private record Step(Result result, String detail) {
    }

    /** A result that ends the whole evaluation (permerror, temperror). */
    private static final class Fail extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Result result;

        Fail(Result result, String message) {
            super(message, null, false, false);
            this.result = result;
        }
    }

    private Step checkHost(String domain, String[] recordOut, int depth) {
        List<String> spf = new ArrayList<>();
        DnsAnswer answer = ask(domain, DnsType.TXT);
        for (String txt : answer.values()) {
            if (SPF.matcher(txt).matches()) {
                spf.add(txt);
            }
        }
        if (spf.isEmpty()) {
            return new Step(Result.NONE, domain + " has no SPF record");
        }
        if (spf.size() > 1) {
            throw new Fail(Result.PERMERROR, domain + " has " + spf.size() + " SPF records; there must be one (RFC 7208 section 4.5)");
        }
        String record = spf.get(0);
        if (recordOut != null) {
            recordOut[0] = record;
        }
        String redirect = null;
        List<String> directives = new ArrayList<>();
        for (String term : record.substring(6).strip().split(" +")) {
            if (term.isEmpty()) {
                continue;
            }
            Matcher mod = MODIFIER.matcher(term);
            if (mod.matches() && !term.contains(":")) {
                String name = mod.group(1).toLowerCase(Locale.ROOT);
                if (name.equals("redirect")) {
                    if (redirect != null) {
                        throw new Fail(Result.PERMERROR, domain + ": redirect appears twice (RFC 7208 section 6)");
                    }
                    redirect = mod.group(2);
                } else if (name.equals("exp") && mod.group(2).isEmpty()) {
                    throw new Fail(Result.PERMERROR, domain + ": exp= has no domain");
                }
                continue;
            }
            directives.add(term);
        }
        for (String directive : directives) {
            Result qualifier = qualifier(directive.charAt(0));
            String mechanism = qualifier == null ? directive : directive.substring(1);
            Result q = qualifier == null ? Result.PASS : qualifier;
            if (mechanism.equalsIgnoreCase("all")) {
                if (q == Result.PASS) {
                    warnings.add(domain + ": \"+all\" authorizes every host on the internet");
                }
                return new Step(q, directive + " in " + domain);
            }
            if (matches(domain, mechanism, depth)) {
                return new Step(q, directive + " in " + domain);
            }
        }
        if (redirect != null) {
            String target = expand(redirect, domain);
            count(domain, "redirect=" + redirect);
            Step s = checkHost(target, null, depth + 1);
            if (s.result == Result.NONE) {
                throw new Fail(Result.PERMERROR, "redirect from " + domain + " to " + target + ", which has no SPF record");
            }
            return s;
        }
        return new Step(Result.NEUTRAL, "no directive of " + domain + " matched and it has no \"all\" (the default is neutral)");
    }

    private boolean matches(String domain, String mechanism, int depth) {
        int colon = mechanism.indexOf(':');
        int slash = mechanism.indexOf('/');
        int nameEnd = colon >= 0 ? colon : slash >= 0 ? slash : mechanism.length();
        String name = mechanism.substring(0, nameEnd).toLowerCase(Locale.ROOT);
        String arg = colon >= 0 ? mechanism.substring(colon + 1) : null;
        switch (name) {
            case "ip4", "ip6" -> {
                if (arg == null) {
                    throw new Fail(Result.PERMERROR, domain + ": \"" + mechanism + "\" needs an address");
                }
                return cidrMatch(domain, mechanism, arg, name.equals("ip4"));
            }
            case "include" -> {
                if (arg == null || arg.isEmpty()) {
                    throw new Fail(Result.PERMERROR, domain + ": include needs a domain");
                }
                count(domain, mechanism);
                String target = expand(arg, domain);
                Step s = checkHost(target, null, depth + 1);
                return switch (s.result) {
                    case PASS -> ip != null;
                    case FAIL, SOFTFAIL, NEUTRAL -> false;
                    case NONE -> throw new Fail(Result.PERMERROR, domain + " includes " + target + ", which has no SPF record");
                    default -> throw new Fail(s.result, s.detail);
                };
            }
            case "a", "mx" -> {
                count(domain, mechanism);
                String spec = arg == null ? domain : expand(arg.contains("/") ? arg.substring(0, arg.indexOf('/')) : arg, domain);
                int[] prefix = dualCidr(domain, mechanism, colon >= 0 ? (arg.contains("/") ? arg.substring(arg.indexOf('/')) : "") : mechanism.substring(nameEnd));
                List<String> hosts = new ArrayList<>();
                if (name.equals("mx")) {
                    List<String> mx = ask(spec, DnsType.MX).values();
                    if (mx.isEmpty()) {
                        voids(spec);
                    }
                    if (mx.size() > 10) {
                        throw new Fail(Result.PERMERROR, spec + " has " + mx.size() + " MX hosts; SPF looks at most at 10 (RFC 7208 section 4.6.4)");
                    }
                    mx.forEach(r -> hosts.add(r.substring(r.indexOf(' ') + 1)));
                } else {
                    hosts.add(spec);
                }
                boolean v6 = ip instanceof Inet6Address;
                for (String host : hosts) {
                    if (host.isEmpty()) {
                        continue; // null MX
                    }
                    List<String> addresses = ask(host, v6 ? DnsType.AAAA : DnsType.A).values();
                    if (name.equals("a") && addresses.isEmpty()) {
                        voids(host);
                    }
                    for (String a : addresses) {
                        if (ip != null && inPrefix(parseIp(a), ip, v6 ? prefix[1] : prefix[0])) {
                            return true;
                        }
                    }
                }
                return false;
            }
            case "exists" -> {
                if (arg == null || arg.isEmpty()) {
                    throw new Fail(Result.PERMERROR, domain + ": exists needs a domain");
                }
                count(domain, mechanism);
                if (ip == null && usesClientMacro(arg)) {
                    return false; // depends on the client IP; counted, not asked
                }
                List<String> a = ask(expand(arg, domain), DnsType.A).values();
                if (a.isEmpty()) {
                    voids(arg);
                }
                return ip != null && !a.isEmpty();
            }
            case "ptr" -> {
                count(domain, mechanism);
                warnings.add(domain + ": \"ptr\" is slow and deprecated (RFC 7208 section 5.5); many receivers ignore it. Use ip4/ip6 or a");
                return false;
            }
            default -> throw new Fail(Result.PERMERROR, domain + ": unknown mechanism \"" + mechanism + "\"");
        }
    }

    private boolean cidrMatch(String domain, String mechanism, String arg, boolean v4) {
        int slash = arg.indexOf('/');
        String address = slash < 0 ? arg : arg.substring(0, slash);
        int max = v4 ? 32 : 128;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(arg.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new Fail(Result.PERMERROR, domain + ": \"" + mechanism + "\" has an invalid prefix length");
            }
        }
        InetAddress net;
        try {
            net = parseIp(address);
        } catch (IllegalArgumentException e) {
            net = null;
        }
        if (net == null || (net instanceof Inet4Address) != v4) {
            throw new Fail(Result.PERMERROR, domain + ": \"" + mechanism + "\" is not a valid " + (v4 ? "IPv4" : "IPv6") + " address");
        }
        return ip != null && inPrefix(net, ip, prefix);
    }

    /** "/24//64" → {24, 64}; defaults 32 and 128. */
    private static int[] dualCidr(String domain, String mechanism, String spec) {
        int[] out = {32, 128};
        if (spec.isEmpty()) {
            return out;
        }
        Matcher m = Pattern.compile("(?:/(\\d{1,2}))?(?://(\\d{1,3}))?").matcher(spec);
        if (!m.matches()) {
            throw new Fail(Result.PERMERROR, domain + ": \"" + mechanism + "\" has an invalid prefix length");
        }
        if (m.group(1) != null) {
            out[0] = Integer.parseInt(m.group(1));
        }
        if (m.group(2) != null) {
            out[1] = Integer.parseInt(m.group(2));
        }
        if (out[0] > 32 || out[1] > 128) {
            throw new Fail(Result.PERMERROR, domain + ": \"" + mechanism + "\" has an invalid prefix length");
        }
        return out;
    }

    static boolean inPrefix(InetAddress net, InetAddress candidate, int prefix) {
        byte[] a = net.getAddress();
        byte[] b = candidate.getAddress();
        if (a.length != b.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** A literal IPv4 or IPv6 address, never a DNS lookup. */
    public static InetAddress parseIp(String literal) {
        String s = literal.strip();
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}") && java.util.Arrays.stream(s.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
        boolean v6 = s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    private void count(String domain, String term) {
        if (++lookups > MAX_LOOKUPS) {
            throw new Fail(Result.PERMERROR, "more than " + MAX_LOOKUPS + " DNS lookups (RFC 7208 section 4.6.4); the 11th is \"" + term + "\" in " + domain);
        }
    }

    private void voids(String name) {
        if (++voids > MAX_VOID) {
            throw new Fail(Result.PERMERROR, "more than " + MAX_VOID + " lookups found nothing (RFC 7208 section 4.6.4), the last for " + name);
        }
    }

    private DnsAnswer ask(String name, DnsType type) {
        try {
            return dns.query(name, type);
        } catch (DnsException e) {
            throw new Fail(Result.TEMPERROR, "DNS lookup of " + name + " " + type + " failed: " + e.getMessage());
        }
    }

    private static Result qualifier(char c) {
        return switch (c) {
            case '+' -> Result.PASS;
            case '-' -> Result.FAIL;
            case '~' -> Result.SOFTFAIL;
            case '?' -> Result.NEUTRAL;
            default -> null;
        };
    }

    private static boolean usesClientMacro(String spec) {
        return spec.matches("(?s).*%\\{[iIpPvVcC].*");
    }

    /** Macro expansion (RFC 7208 section 7): letters, digit and "r" transformers, delimiters. */
    String expand(String spec, String domain) {
        Matcher m = MACRO.matcher(spec);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            literal(spec, last, m.start());
            out.append(spec, last, m.start());
            last = m.end();
            String token = m.group();
            if (token.equals("%%")) {
                out.append('%');
            } else if (token.equals("%_")) {
                out.append(' ');
            } else if (token.equals("%-")) {
                out.append("%20");
            } else {
                out.append(macro(Character.toLowerCase(m.group(1).charAt(0)), domain, m.group(2), !m.group(3).isEmpty(), m.group(4)));
            }
        }
        literal(spec, last, spec.length());
        out.append(spec.substring(last));
        return out.toString();
    }

    /** Text between macros may not hold a '%' that starts no valid macro. */
    private static void literal(String spec, int from, int to) {
        if (spec.substring(from, to).indexOf('%') >= 0) {
            throw new Fail(Result.PERMERROR, "invalid macro in \"" + spec + "\" (RFC 7208 section 7.1)");
        }
    }

    private String macro(char letter, String domain, String digits, boolean reverse, String delimiters) {
        String at = sender == null ? "postmaster@" + domain : sender;
        String value = switch (letter) {
            case 's' -> at;
            case 'l' -> at.substring(0, at.lastIndexOf('@'));
            case 'o' -> at.substring(at.lastIndexOf('@') + 1);
            case 'd' -> domain;
            case 'h' -> at.substring(at.lastIndexOf('@') + 1);
            case 'i', 'c' -> ip == null ? "0.0.0.0" : ipMacro();
            case 'v' -> ip instanceof Inet6Address ? "ip6" : "in-addr";
            case 'p' -> "unknown";
            default -> throw new Fail(Result.PERMERROR, "macro letter \"" + letter + "\" is only allowed in exp= (RFC 7208 section 7.2)");
        };
        String split = delimiters.isEmpty() ? "\\." : "[" + Pattern.quote(delimiters) + "]";
        List<String> parts = new ArrayList<>(List.of(value.split(split, -1)));
        if (reverse) {
            java.util.Collections.reverse(parts);
        }
        if (!digits.isEmpty()) {
            int keep = Integer.parseInt(digits);
            if (keep == 0) {
                throw new Fail(Result.PERMERROR, "a macro transformer of 0 is not allowed (RFC 7208 section 7.3)");
            }
            parts = parts.subList(Math.max(0, parts.size() - keep), parts.size());
        }
        return String.join(".", parts);
    }

    private String ipMacro() {
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        StringBuilder b = new StringBuilder();
        for (byte x : ip.getAddress()) {
            b.append(Character.forDigit((x >> 4) & 0xf, 16)).append('.').append(Character.forDigit(x & 0xf, 16)).append('.');
        }
        return b.substring(0, b.length() - 1);
    }
}
