package dev.mailgate.smtp;

/** How the connection is encrypted. */
public enum TlsMode {
    /** Plain connect, then STARTTLS (RFC 3207); fails if the server does not offer it. The default. */
    STARTTLS_REQUIRED,
    /** TLS from the first byte (SMTPS, usually port 465; RFC 8314). */
    IMPLICIT,
    /** No encryption. Only by explicit choice, for local relays and tests. */
    NONE;

    /**
     * Reads the names people write: {@code starttls}, {@code implicit} (or {@code ssl}, {@code smtps}) and
     * {@code none}, in any case.
     *
     * @throws IllegalArgumentException naming the value for anything else
     */
    public static TlsMode parse(String name) {
        return switch (name.strip().toUpperCase(java.util.Locale.ROOT).replace('-', '_')) {
            case "STARTTLS", "STARTTLS_REQUIRED" -> STARTTLS_REQUIRED;
            case "IMPLICIT", "SSL", "SMTPS" -> IMPLICIT;
            case "NONE" -> NONE;
            default -> throw new IllegalArgumentException("TLS mode must be starttls, implicit or none, was \"" + name + "\"");
        };
    }
}
