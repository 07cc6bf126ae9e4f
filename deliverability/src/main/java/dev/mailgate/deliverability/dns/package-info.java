/**
 * A small DNS stub resolver (RFC 1035 over UDP with EDNS0, TCP when truncated) and the {@link
 * dev.mailgate.deliverability.dns.DnsResolver} interface the checks take, so tests and applications can plug in
 * their own.
 */
package dev.mailgate.deliverability.dns;
