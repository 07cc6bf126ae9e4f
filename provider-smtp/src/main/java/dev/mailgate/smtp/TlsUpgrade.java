package dev.mailgate.smtp;

import java.io.IOException;
import java.net.Socket;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/** The TLS handshake of a session (RFC 3207 after STARTTLS, or RFC 8314 implicit TLS), client side. */
final class TlsUpgrade {
    private static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private TlsUpgrade() {
    }

    /** Layers TLS over {@code plain} and completes the handshake, verifying the certificate as configured. */
    static SSLSocket handshake(Socket plain, SmtpConfig config) throws IOException {
        SSLContext ctx;
        try {
            ctx = config.sslContext != null ? config.sslContext : SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new SSLException("no default TLS context", e);
        }
        SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(plain, config.host, config.port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setProtocols(supported(ssl.getSupportedProtocols()));
        if (config.verifyHostname) {
            // The HTTPS rules (RFC 2818 / RFC 6125) check the certificate's DNS or IP names against the host.
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        serverName(config.host).ifPresent(name -> params.setServerNames(List.of(name)));
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        return ssl;
    }

    /**
     * The SNI name for {@code host}: every DNS name, also one that starts with a digit (RFC 1123 section 2.1
     * allows that); only IP literals get none, as RFC 6066 section 3 says. Without SNI a server with several
     * certificates presents its default one and host-name verification fails.
     */
    static java.util.Optional<SNIHostName> serverName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || isIpLiteral(name)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(new SNIHostName(name));
        } catch (IllegalArgumentException e) {
            // Not a valid SNI name (an underscore, say): the handshake goes on without, the certificate is still checked.
            return java.util.Optional.empty();
        }
    }

    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.startsWith("[") || IPV4.matcher(host).matches();
    }

    /** What the handshake negotiated, and the server's certificate chain, for listeners. */
    static SmtpEventListener.Handshake handshakeOf(SSLSocket ssl) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate c : ssl.getSession().getPeerCertificates()) {
                if (c instanceof X509Certificate x) {
                    chain.add(x);
                }
            }
        } catch (SSLPeerUnverifiedException ignored) {
            // no certificate to describe
        }
        return new SmtpEventListener.Handshake(ssl.getSession().getProtocol(), ssl.getSession().getCipherSuite(), chain);
    }

    /** The handshake for people: version, cipher suite, and the server certificate's subject and expiry. */
    static String summary(SmtpEventListener.Handshake handshake) {
        String s = handshake.protocol() + " " + handshake.cipherSuite();
        if (!handshake.peerCertificates().isEmpty()) {
            X509Certificate x = handshake.peerCertificates().get(0);
            return s + ", certificate " + x.getSubjectX500Principal().getName() + ", expires " + x.getNotAfter().toInstant();
        }
        return s;
    }

    private static String[] supported(String[] available) {
        List<String> chosen = new ArrayList<>();
        for (String p : TLS_PROTOCOLS) {
            if (List.of(available).contains(p)) {
                chosen.add(p);
            }
        }
        return chosen.toArray(String[]::new);
    }
}
