package dev.mailgate.ses.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * RSA key pairs with self-signed certificates, made by the JDK's keytool when the test runs (the JDK has no public
 * API to issue a certificate), standing in for the certificate SNS signs with.
 */
record SnsTestCertificates(PrivateKey key, X509Certificate certificate) {
    static SnsTestCertificates generate(String startDate, int validityDays) {
        try {
            Path dir = Files.createTempDirectory("sns-cert");
            Path store = dir.resolve("sns.p12");
            List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "sns", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=sns.amazonaws.com",
                    "-validity", Integer.toString(validityDays), "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", "changeit", "-keypass", "changeit"));
            if (startDate != null) {
                cmd.addAll(List.of("-startdate", startDate));
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            SnsTestCertificates made = new SnsTestCertificates((PrivateKey) ks.getKey("sns", "changeit".toCharArray()),
                    (X509Certificate) ks.getCertificate("sns"));
            Files.delete(store);
            Files.delete(dir);
            return made;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
