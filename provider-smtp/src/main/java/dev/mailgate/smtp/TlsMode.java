package dev.mailgate.smtp;

/** How the connection is encrypted. */
public enum TlsMode {
    /** Plain connect, then STARTTLS (RFC 3207); fails if the server does not offer it. The default. */
    STARTTLS_REQUIRED,
    /** TLS from the first byte (SMTPS, usually port 465; RFC 8314). */
    IMPLICIT,
    /** No encryption. Only by explicit choice, for local relays and tests. */
    NONE
}
