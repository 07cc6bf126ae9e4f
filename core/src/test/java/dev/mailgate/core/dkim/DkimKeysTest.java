package dev.mailgate.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** PEM keys as openssl writes them (fixtures made with openssl genrsa -traditional / pkcs8 -topk8 / genpkey). */
class DkimKeysTest {

    static String pem(String name) {
        try (InputStream in = DkimKeysTest.class.getResourceAsStream("/dkim/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void pkcs1AndPkcs8OfTheSameRsaKeyAreTheSameKey() {
        PrivateKey pkcs1 = DkimKeys.fromPem(pem("rsa2048-pkcs1.pem"));
        PrivateKey pkcs8 = DkimKeys.fromPem(pem("rsa2048-pkcs8.pem"));
        assertThat(((RSAPrivateCrtKey) pkcs1).getModulus()).isEqualTo(((RSAPrivateCrtKey) pkcs8).getModulus());
        assertThat(((RSAPrivateCrtKey) pkcs1).getPrivateExponent()).isEqualTo(((RSAPrivateCrtKey) pkcs8).getPrivateExponent());
        assertThat(DkimKeys.keyBits(pkcs1)).isEqualTo(2048);
        assertThat(DkimKeys.algorithmOf(pkcs1)).isEqualTo(DkimAlgorithm.RSA_SHA256);
    }

    @Test
    void readsEd25519Pkcs8() {
        PrivateKey key = DkimKeys.fromPem(pem("ed25519.pem"));
        assertThat(DkimKeys.algorithmOf(key)).isEqualTo(DkimAlgorithm.ED25519_SHA256);
    }

    @Test
    void rsaRecordIsTheSubjectPublicKeyInfo() throws Exception {
        PublicKey pub = DkimKeys.rsaPublicKey(DkimKeys.fromPem(pem("rsa2048-pkcs1.pem")));
        String record = DkimKeys.dnsRecord(pub);
        assertThat(record).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN");
        byte[] p = Base64.getDecoder().decode(record.substring(record.indexOf("p=") + 2));
        assertThat(KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(p))).isEqualTo(pub);
    }

    @Test
    void ed25519RecordIsTheRaw32Octets() throws Exception {
        String spki = pem("ed25519.pub.pem").replaceAll("-----[A-Z ]+-----|\\s", "");
        PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(spki)));
        String record = DkimKeys.dnsRecord(pub);
        assertThat(record).startsWith("v=DKIM1; k=ed25519; p=");
        assertThat(Base64.getDecoder().decode(record.substring(record.indexOf("p=") + 2))).hasSize(32);
    }

    @Test
    void badPemSaysWhatIsWrong() {
        assertThatThrownBy(() -> DkimKeys.fromPem("hello")).isInstanceOf(DkimException.class).hasMessageContaining("no PEM private key");
        assertThatThrownBy(() -> DkimKeys.fromPem(pem("encrypted.pem"))).isInstanceOf(DkimException.class).hasMessageContaining("encrypted");
        assertThatThrownBy(() -> DkimKeys.fromPem("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .isInstanceOf(DkimException.class).hasMessageContaining("does not hold a valid RSA key");
        assertThatThrownBy(() -> DkimKeys.fromPem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
                .isInstanceOf(DkimException.class).hasMessageContaining("unsupported PEM block CERTIFICATE");
    }
}
