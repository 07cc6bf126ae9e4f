package dev.mailgate.bounce.mailbox;

/** How the IMAP connection is protected: the CRM seed's "SSL/TLS" and "STARTTLS" choices. */
public enum ImapSecurity {
    /** TLS from the first byte (IMAPS, port 993). The default. */
    IMPLICIT_TLS(993),
    /** Plain connection upgraded with STARTTLS (RFC 2595), required: no silent fallback to plaintext. */
    STARTTLS(143),
    /** No protection; credentials travel in the clear. Only by explicit opt-in, for tests and local relays. */
    NONE(143);

    private final int defaultPort;

    ImapSecurity(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
