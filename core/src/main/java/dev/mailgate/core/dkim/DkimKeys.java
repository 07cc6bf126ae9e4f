package dev.mailgate.core.dkim;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads DKIM private keys from PEM and writes the public key as the TXT record a domain publishes. */
public final class DkimKeys {
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    /** DER of AlgorithmIdentifier { rsaEncryption, NULL }, for wrapping a PKCS#1 key into PKCS#8. */
    private static final byte[] RSA_ALGORITHM_ID = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private DkimKeys() {
    }

    /**
     * Reads an RSA key ({@code BEGIN RSA PRIVATE KEY}, PKCS#1, as {@code openssl genrsa} writes it, or {@code BEGIN
     * PRIVATE KEY}, PKCS#8) or an Ed25519 key (PKCS#8, as {@code openssl genpkey -algorithm ed25519} writes it).
     * Encrypted PEM is refused: decrypt it first, a signer cannot ask for a pass phrase.
     */
    public static PrivateKey fromPem(String pem) {
        Matcher m = PEM.matcher(pem);
        if (!m.find()) {
            throw new DkimException("no PEM private key found (expected -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)");
        }
        String type = m.group(1);
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new DkimException("the PEM block " + type + " is not valid base64", e);
        }
        return switch (type) {
            case "RSA PRIVATE KEY" -> pkcs8("RSA", wrapPkcs1(der), type);
            case "PRIVATE KEY" -> pkcs8Any(der);
            case "ENCRYPTED PRIVATE KEY" -> throw new DkimException("the PEM key is encrypted; decrypt it (openssl pkey -in key.pem -out plain.pem) before use");
            default -> throw new DkimException("unsupported PEM block " + type + " (expected PRIVATE KEY or RSA PRIVATE KEY)");
        };
    }

    /** The algorithm a key signs with. */
    public static DkimAlgorithm algorithmOf(java.security.Key key) {
        return switch (key.getAlgorithm().toUpperCase(Locale.ROOT)) {
            case "RSA" -> DkimAlgorithm.RSA_SHA256;
            case "ED25519", "EDDSA" -> DkimAlgorithm.ED25519_SHA256;
            default -> throw new DkimException("unsupported key algorithm " + key.getAlgorithm() + " (DKIM signs with RSA or Ed25519)");
        };
    }

    /** The RSA modulus size in bits, or 256 for Ed25519. */
    public static int keyBits(java.security.Key key) {
        if (key instanceof RSAKey rsa) {
            return rsa.getModulus().bitLength();
        }
        return 256;
    }

    /** The public half of an RSA private key (from its CRT form); Ed25519 keys must come with their public key. */
    public static PublicKey rsaPublicKey(PrivateKey key) {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new DkimException("the public key can only be derived from an RSA CRT private key; pass the key pair");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new DkimException("cannot derive the RSA public key", e);
        }
    }

    /**
     * The TXT record to publish at {@code <selector>._domainkey.<domain>} (RFC 6376 section 3.6.1): RSA keys as
     * SubjectPublicKeyInfo, Ed25519 keys as the raw 32 octets (RFC 8463 section 4.2).
     */
    public static String dnsRecord(PublicKey key) {
        DkimAlgorithm algorithm = algorithmOf(key);
        byte[] encoded = key.getEncoded();
        byte[] p = algorithm == DkimAlgorithm.ED25519_SHA256 ? java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length) : encoded;
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + Base64.getEncoder().encodeToString(p);
    }

    private static PrivateKey pkcs8Any(byte[] der) {
        for (String algorithm : new String[] {"RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm; try the next
            }
        }
        throw new DkimException("the PKCS#8 key is neither RSA nor Ed25519 (or is damaged)");
    }

    private static PrivateKey pkcs8(String algorithm, byte[] der, String type) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new DkimException("the PEM block " + type + " does not hold a valid " + algorithm + " key", e);
        }
    }

    /** PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier, OCTET STRING pkcs1 } (RFC 5208). */
    private static byte[] wrapPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM_ID);
        body.write(0x04);
        body.writeBytes(derLength(pkcs1.length));
        body.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.writeBytes(derLength(body.size()));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        byte[] digits = BigInteger.valueOf(length).toByteArray();
        int skip = digits[0] == 0 ? 1 : 0;
        byte[] out = new byte[digits.length - skip + 1];
        out[0] = (byte) (0x80 | (digits.length - skip));
        System.arraycopy(digits, skip, out, 1, digits.length - skip);
        return out;
    }
}
