package dev.mailgate.testing.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed test certificates shipped with this module (valid for 100 years, password {@code changeit}):
 * {@code localhost.p12} for CN=localhost with SAN localhost and 127.0.0.1, and {@code wrong-name.p12} for
 * wrong.example, to test host-name verification. Never use them outside tests.
 */
public final class TestCertificates {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private TestCertificates() {
    }

    /** The server side: presents the localhost certificate. */
    public static SSLContext localhostServer() {
        return serverContext("localhost.p12");
    }

    /** The server side: presents a certificate for wrong.example. */
    public static SSLContext wrongNameServer() {
        return serverContext("wrong-name.p12");
    }

    /** The client side: trusts the localhost certificate and the wrong-name certificate, nothing else. */
    public static SSLContext trustingClient() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("localhost", load("localhost.p12").getCertificate("localhost"));
            trust.setCertificateEntry("wrong", load("wrong-name.p12").getCertificate("wrong"));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the test trust store", e);
        }
    }

    private static SSLContext serverContext(String file) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(file), PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the test key store " + file, e);
        }
    }

    private static KeyStore load(String file) throws GeneralSecurityException, IOException {
        try (InputStream in = TestCertificates.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("missing resource " + file));
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD);
            return ks;
        }
    }
}
