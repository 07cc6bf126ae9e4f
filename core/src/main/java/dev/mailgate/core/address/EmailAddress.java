package dev.mailgate.core.address;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An RFC 5322 mailbox: an addr-spec ({@code local@domain}) with an optional display name.
 *
 * <p>The local part is kept exactly as written (including the quotes of a quoted local part), because only the
 * receiving host may interpret it (RFC 5321 section 2.4). The domain is kept as given, and its ASCII (punycode)
 * form is computed once for the wire. Two addresses are {@linkplain #equals equal} when their local parts are
 * identical and their domains are equal ignoring case; the display name is not part of the identity, as with
 * {@code jakarta.mail.internet.InternetAddress}.
 */
public final class EmailAddress {
    private final String displayName;
    private final String localPart;
    private final String domain;
    private final String asciiDomain;
    private final boolean smtpUtf8;

    EmailAddress(String displayName, String localPart, String domain, String asciiDomain) {
        this.displayName = displayName;
        this.localPart = localPart;
        this.domain = domain;
        this.asciiDomain = asciiDomain;
        this.smtpUtf8 = !AddressParser.isAscii(localPart);
    }

    /**
     * Parses {@code local@domain}, {@code <local@domain>} or {@code Display Name <local@domain>} (the display name
     * may be a quoted string).
     *
     * @throws InvalidAddressException naming the position of the first problem
     */
    public static EmailAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        return new AddressParser(text).parseMailbox();
    }

    /** Parses a comma-separated mailbox list such as the value of a {@code To} header. */
    public static List<EmailAddress> parseList(String text) {
        Objects.requireNonNull(text, "text");
        return new AddressParser(text).parseMailboxList();
    }

    /** An address with the given display name; {@code address} must be a bare addr-spec. */
    public static EmailAddress of(String displayName, String address) {
        Objects.requireNonNull(address, "address");
        EmailAddress parsed = new AddressParser(address).parseAddrSpecOnly();
        return parsed.withDisplayName(displayName);
    }

    /** A copy with this display name ({@code null} or blank removes it). Control characters are rejected. */
    public EmailAddress withDisplayName(String name) {
        if (name == null || name.isBlank()) {
            return displayName == null ? this : new EmailAddress(null, localPart, domain, asciiDomain);
        }
        AddressParser.rejectControls(name);
        return new EmailAddress(name, localPart, domain, asciiDomain);
    }

    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    /** The local part as written, with quotes if it was quoted. */
    public String localPart() {
        return localPart;
    }

    /** The domain as given (possibly Unicode, possibly a domain literal such as {@code [192.0.2.1]}). */
    public String domain() {
        return domain;
    }

    /**
     * The domain in its ASCII form (IDNA2008 A-labels as UTS #46 gives them, non-transitional: {@code faß.de} is
     * {@code xn--fa-hia.de}, never IDNA2003's {@code fass.de}), as used on the wire without SMTPUTF8.
     */
    public String asciiDomain() {
        return asciiDomain;
    }

    /** {@code local@domain} as given. */
    public String address() {
        return localPart + "@" + domain;
    }

    /**
     * {@code local@ascii-domain}: the form for MAIL FROM / RCPT TO and headers when the peer does not offer
     * SMTPUTF8. Only usable when {@link #requiresSmtpUtf8()} is false.
     */
    public String asciiAddress() {
        return localPart + "@" + asciiDomain;
    }

    /**
     * Whether this address can only be transmitted with the SMTPUTF8 extension (RFC 6531): true when the local part
     * has non-ASCII characters. A Unicode domain alone does not need it, since it has an ASCII form.
     */
    public boolean requiresSmtpUtf8() {
        return smtpUtf8;
    }

    /** The lower-cased ASCII domain: the form to compare and index domains by. */
    public String normalizedDomain() {
        return asciiDomain.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmailAddress other
                && localPart.equals(other.localPart)
                && asciiDomain.equalsIgnoreCase(other.asciiDomain);
    }

    @Override
    public int hashCode() {
        return localPart.hashCode() * 31 + normalizedDomain().hashCode();
    }

    /** The RFC 5322 form for people: {@code Display Name <local@domain>}, quoting the name when it needs it. */
    @Override
    public String toString() {
        if (displayName == null) {
            return address();
        }
        return AddressParser.phraseForDisplay(displayName) + " <" + address() + ">";
    }
}
