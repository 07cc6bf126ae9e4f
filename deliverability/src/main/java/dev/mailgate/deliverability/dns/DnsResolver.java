package dev.mailgate.deliverability.dns;

/** Answers DNS questions. Implementations must be thread-safe. */
@FunctionalInterface
public interface DnsResolver {
    /**
     * @param name a domain name in ASCII (A-labels), with or without the final dot
     * @throws DnsException when no answer could be had (the result of a check is then "temporary error", not "absent")
     */
    DnsAnswer query(String name, DnsType type);
}
