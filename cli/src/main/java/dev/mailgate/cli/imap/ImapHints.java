package dev.mailgate.cli.imap;

import dev.mailgate.bounce.mailbox.ImapSecurity;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code mailgate imap} prints for a failed connection or login: the error once, in words a user can act
 * on, and a hint naming the option to change, as {@code smtp test} does for SMTP.
 */
final class ImapHints {
    private ImapHints() {
    }

    /**
     * The error text. Angus's bare "No login methods supported!" becomes what it means, and a root cause the
     * message already quotes is not repeated (the poller appends the root cause, which for a PKIX failure is the
     * very text Angus put in its own message).
     */
    static String describe(Exception e, String host, int port) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (loginDisabled(e)) {
            return "IMAP login at " + host + ":" + port + ": the server refuses LOGIN before TLS (it advertises LOGINDISABLED, RFC 3501 section 6.2.3)";
        }
        Throwable root = root(e);
        if (root != e && root.getMessage() != null) {
            String suffix = " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
            if (text.endsWith(suffix) && text.substring(0, text.length() - suffix.length()).contains(root.getMessage())) {
                text = text.substring(0, text.length() - suffix.length());
            }
        }
        return text;
    }

    /** The option to change, for the failures a user can fix; empty for others (a folder operation). */
    static Optional<String> hint(Exception e, ImapSecurity security, String host, int port) {
        String text = chainText(e);
        if (loginDisabled(e)) {
            return Optional.of("use --security starttls (usually port 143) or --security ssl (port 993)");
        }
        if (causes(e).anyMatch(t -> t instanceof jakarta.mail.AuthenticationFailedException)) {
            return Optional.of("wrong user name or password; Gmail and Microsoft 365 need an app password (or OAuth2) and IMAP enabled for the account");
        }
        if (text.contains("no subject alternative") || text.contains("no name matching") || text.contains("verify identity")) {
            return Optional.of("the certificate does not name " + host + "; connect with the host name on the certificate (--host)");
        }
        if (causes(e).anyMatch(t -> t instanceof CertPathBuilderException || t instanceof CertPathValidatorException || t instanceof CertificateException)) {
            return Optional.of("the certificate is not trusted; if the server uses a private CA, trust it with --trust-store FILE");
        }
        if (text.contains("unrecognized ssl message")) {
            return Optional.of("the server does not speak TLS from the first byte on port " + port + "; use --security starttls (usually port 143)");
        }
        if (text.contains("starttls") && security == ImapSecurity.STARTTLS) {
            return Optional.of("this port offers no STARTTLS; use --security ssl (usually port 993)");
        }
        if (text.contains("connection refused")) {
            return Optional.of("nothing accepts connections on " + host + ":" + port + "; check --port (993 with --security ssl, 143 with starttls)");
        }
        if (text.contains("timed out") || text.contains("timeout")) {
            return Optional.of("the server did not answer in time; a firewall may drop the traffic, or --port or --security is wrong");
        }
        return Optional.empty();
    }

    private static boolean loginDisabled(Exception e) {
        return chainText(e).contains("no login methods supported");
    }

    private static String chainText(Throwable e) {
        StringBuilder b = new StringBuilder();
        causes(e).forEach(t -> b.append(t.getMessage()).append('\n'));
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static Throwable root(Throwable e) {
        return causes(e).reduce((first, second) -> second).orElse(e);
    }

    private static Stream<Throwable> causes(Throwable t) {
        return Stream.iterate(t, c -> c != null, c -> c.getCause() == c ? null : c.getCause());
    }
}
