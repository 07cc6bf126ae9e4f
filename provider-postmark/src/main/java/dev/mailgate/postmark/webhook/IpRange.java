package dev.mailgate.postmark.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One CIDR range (RFC 4632; RFC 4291 2.3 for IPv6) of an allow list. Only address literals are read, never a host
 * name, so parsing a configured range or a client address never causes a DNS lookup.
 */
record IpRange(byte[] network, int prefix, String text) {
    private static final Pattern V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f:.]+");

    static IpRange parse(String cidr) {
        String s = cidr.strip();
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = literal(addr).orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: " + cidr))
                .getAddress();
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR prefix length in " + cidr);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefix + " out of range in " + cidr);
        }
        return new IpRange(bytes, prefix, s);
    }

    /** The address of a literal, or empty when {@code text} is not an IPv4 or IPv6 literal (a host name, garbage). */
    static Optional<InetAddress> literal(String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = V4.matcher(t).matches();
        if (!v4 && !(t.indexOf(':') >= 0 && V6.matcher(t).matches())) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(t)); // a literal: no lookup (InetAddress.getByName on a literal only parses it)
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
        return text;
    }
}
