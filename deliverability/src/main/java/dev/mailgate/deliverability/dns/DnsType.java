package dev.mailgate.deliverability.dns;

/** The record types the checks need (RFC 1035 section 3.2.2, RFC 3596 for AAAA). */
public enum DnsType {
    A(1), NS(2), CNAME(5), MX(15), TXT(16), AAAA(28);

    private final int code;

    DnsType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with this code, or null for one the checks do not read. */
    public static DnsType of(int code) {
        for (DnsType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
