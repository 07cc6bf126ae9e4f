package dev.mailgate.smtp;

import dev.mailgate.core.spi.ProviderConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Trust material from files, for {@link SmtpConfig.Builder#sslContext}: a private CA, a self-signed relay. */
public final class TrustStores {
    private TrustStores() {
    }

    /**
     * An SSLContext trusting the certificates in a PKCS12 or JKS file (the JDK's {@code KeyStore.getDefaultType()},
     * which reads both since JDK 9, JEP 229).
     *
     * @throws ProviderConfigException naming the {@code trust-store} setting (the key every provider preset and the
     *     command line use for it) when the file cannot be read or is not a key store, or the password is wrong
     */
    public static SSLContext fromFile(String path, String password) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(password, "password");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(in, password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new ProviderConfigException(SmtpProvider.ID, "trust-store", "cannot load " + path + ": " + e.getMessage());
        }
    }
}
