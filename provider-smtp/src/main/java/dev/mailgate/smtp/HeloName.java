package dev.mailgate.smtp;

import java.net.InetAddress;
import java.util.Locale;

/**
 * The default EHLO name. RFC 5321 section 4.1.1.1 asks for the client's fully qualified domain name, and many
 * receivers score {@code EHLO localhost} as spam (or refuse it), so the machine's FQDN is used when it has one;
 * only a machine without one (a bare host name, a loopback name, an address) says {@code localhost}, which
 * {@link SmtpConfig.Builder#heloName} then should replace.
 */
final class HeloName {
    static final String FALLBACK = "localhost";

    private HeloName() {
    }

    /** The machine's name, looked up once per JVM: the lookup may ask DNS, which must not happen per config. */
    static String machineDefault() {
        return Holder.NAME;
    }

    private static final class Holder {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return choose(InetAddress.getLocalHost().getCanonicalHostName());
            } catch (java.io.IOException | RuntimeException e) {
                return FALLBACK;
            }
        }
    }

    /** {@code canonicalName} when it is a usable FQDN: has a dot, is no address and no loopback name. */
    static String choose(String canonicalName) {
        if (canonicalName == null) {
            return FALLBACK;
        }
        String name = canonicalName.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.indexOf('.') < 0 || TlsUpgrade.isIpLiteral(name) || name.equals("localhost") || name.startsWith("localhost.")
                || name.endsWith(".localhost") || name.endsWith(".local") || !name.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            return FALLBACK;
        }
        return name;
    }
}
