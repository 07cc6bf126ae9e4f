package dev.mailgate.core.address;

/** Domain names as configuration gives them ({@code News.Example.COM.}, {@code bücher.de}). */
public final class DomainNames {
    private DomainNames() {
    }

    /**
     * The lower-case ASCII form (IDNs as punycode, a trailing dot dropped), checked with the address parser's
     * domain rules.
     *
     * @throws IllegalArgumentException naming the domain when it is not a valid one
     */
    public static String normalize(String domain) {
        String d = domain.strip();
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        try {
            return EmailAddress.parse("postmaster@" + d).normalizedDomain();
        } catch (InvalidAddressException e) {
            throw new IllegalArgumentException("\"" + domain + "\" is not a valid domain: " + e.getMessage(), e);
        }
    }
}
