package dev.mailgate.deliverability.dns;

import java.util.Objects;

/**
 * One resource record in presentation form: A and AAAA as addresses, CNAME/NS as lower-case names without the final
 * dot, MX as {@code "<preference> <host>"}, TXT as its character-strings joined without separators (RFC 7208
 * section 3.3 and RFC 6376 section 3.6.2.2 both read a TXT record that way).
 */
public record DnsRecord(String name, DnsType type, long ttl, String data) {
    public DnsRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }
}
