package dev.mailgate.deliverability.dns;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one question. A name that does not exist (NXDOMAIN) and a name without records of the type (NODATA)
 * both have no records; {@link #nameExists()} tells them apart. CNAMEs the server followed are in {@link #chain()}.
 */
public record DnsAnswer(String name, DnsType type, boolean nameExists, List<DnsRecord> records, List<DnsRecord> chain) {
    public DnsAnswer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        records = List.copyOf(records);
        chain = List.copyOf(chain);
    }

    /** The data of the records of the asked type. */
    public List<String> values() {
        return records.stream().map(DnsRecord::data).toList();
    }

    /** Whether there is nothing of the asked type (RFC 7208 section 4.6.4 calls such a lookup "void"). */
    public boolean isEmpty() {
        return records.isEmpty();
    }
}
