package dev.mailgate.core.address;

import com.ibm.icu.text.IDNA;
import java.util.Locale;
import java.util.Set;

/**
 * Domain names to their ASCII form by IDNA2008 as UTS #46 processes them, non-transitional: {@code faß.de} is
 * {@code xn--fa-hia.de}, not IDNA2003's (and {@link java.net.IDN}'s) {@code fass.de}, which is somebody else's
 * domain; likewise the Greek final sigma and the joiners ZWJ/ZWNJ are kept (RFC 5891, RFC 5892 CONTEXTJ, UTS #46
 * section 4). Upper case is mapped to lower case, so the result compares as is. One place, used by the address
 * parser and the public suffix list alike.
 */
final class Idna {
    /** Non-transitional to ASCII and back, with the bidi and joiner context rules and the STD3 host name rules. */
    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.NONTRANSITIONAL_TO_UNICODE
            | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ | IDNA.CHECK_CONTEXTO | IDNA.USE_STD3_RULES);

    private Idna() {
    }

    /**
     * The A-label form of a (Unicode) domain name.
     *
     * @throws IllegalArgumentException naming what UTS #46 found wrong (a disallowed character, a bad joiner, ...)
     */
    static String toAscii(String domain) {
        StringBuilder out = new StringBuilder(domain.length() + 16);
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToASCII(domain, out, info);
        if (info.hasErrors()) {
            throw new IllegalArgumentException("not a valid IDNA2008 domain name (" + describe(info.getErrors()) + ")");
        }
        return out.toString();
    }

    /** Lower-case ASCII, or the input lower-cased when it is not a valid IDN (lenient look-ups such as DNS names). */
    static String toAsciiLenient(String domain) {
        try {
            return toAscii(domain).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return domain.toLowerCase(Locale.ROOT);
        }
    }

    private static String describe(Set<IDNA.Error> errors) {
        return errors.stream().map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', ' ')).sorted()
                .reduce((a, b) -> a + ", " + b).orElse("unknown error");
    }
}
