package dev.mailgate.deliverability;

import dev.mailgate.core.dkim.DkimKeys;
import dev.mailgate.deliverability.dns.DnsAnswer;
import dev.mailgate.deliverability.dns.DnsException;
import dev.mailgate.deliverability.dns.DnsResolver;
import dev.mailgate.deliverability.dns.DnsType;
import dev.mailgate.deliverability.internal.TagList;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** The DKIM key record at {@code <selector>._domainkey.<domain>} (RFC 6376 section 3.6.1, RFC 8463). */
final class DkimRecordCheck {
    private static final String CHECK = "dkim";
    /** SubjectPublicKeyInfo prefix of an Ed25519 key (RFC 8410), before the raw 32 octets DKIM publishes. */
    private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");

    private DkimRecordCheck() {
    }

    static Finding run(DnsResolver dns, SendingSetup setup) {
        String name = setup.selector().orElseThrow() + "._domainkey." + setup.dkimDomain();
        DnsAnswer answer;
        try {
            answer = dns.query(name, DnsType.TXT);
        } catch (DnsException e) {
            return Finding.warn(CHECK, "could not look up " + name + ": " + e.getMessage(), "run the check again");
        }
        List<String> records = answer.values().stream().filter(v -> !v.isBlank()).toList();
        String publish = setup.dkimKey().map(k -> "publish the TXT record your signer's public key gives (DkimKeys.dnsRecord) at " + name)
                .orElse("publish TXT \"v=DKIM1; k=rsa; p=<public key>\" at " + name);
        if (records.isEmpty()) {
            return Finding.fail(CHECK, "no DKIM key record at " + name + (answer.nameExists() ? "" : " (the name does not exist)"), publish);
        }
        if (records.size() > 1) {
            return Finding.fail(CHECK, name + " has " + records.size() + " TXT records; verifiers cannot tell which is the key", "keep one record at " + name);
        }
        Map<String, String> tags;
        try {
            tags = TagList.parse(records.get(0));
        } catch (IllegalArgumentException e) {
            return Finding.fail(CHECK, "the key record at " + name + " is malformed: " + e.getMessage(), publish);
        }
        if (tags.containsKey("v") && !tags.get("v").equals("DKIM1")) {
            return Finding.fail(CHECK, "the key record at " + name + " has v=" + tags.get("v") + ", not DKIM1", "start the record with v=DKIM1");
        }
        String p = tags.getOrDefault("p", null);
        if (p == null) {
            return Finding.fail(CHECK, "the key record at " + name + " has no p= (public key)", publish);
        }
        p = p.replaceAll("\\s", "");
        if (p.isEmpty()) {
            return Finding.fail(CHECK, "the key at " + name + " is revoked (empty p=)", "publish a new key, or sign with another selector");
        }
        String k = tags.getOrDefault("k", "rsa");
        PublicKey key;
        try {
            byte[] bytes = Base64.getDecoder().decode(p);
            key = switch (k) {
                case "rsa" -> KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(bytes));
                case "ed25519" -> {
                    if (bytes.length != 32) {
                        throw new GeneralSecurityException("an Ed25519 key has 32 octets, this one " + bytes.length);
                    }
                    byte[] spki = new byte[44];
                    System.arraycopy(ED25519_SPKI, 0, spki, 0, 12);
                    System.arraycopy(bytes, 0, spki, 12, 32);
                    yield KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
                }
                default -> null;
            };
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Finding.fail(CHECK, "the public key at " + name + " cannot be read: " + e.getMessage(), publish);
        }
        if (key == null) {
            return Finding.fail(CHECK, "the key at " + name + " has the unknown type k=" + k, "use k=rsa or k=ed25519");
        }
        String described = k.equals("rsa") ? "RSA " + ((RSAPublicKey) key).getModulus().bitLength() + "-bit" : "Ed25519";
        String testing = "y".equals(tags.getOrDefault("t", "").replaceAll("\\s", "").split(":")[0]) ? " (t=y: testing mode, receivers may ignore failures)" : "";
        if (setup.dkimKey().isPresent()) {
            PrivateKey privateKey = setup.dkimKey().get();
            if (!matches(privateKey, key)) {
                return Finding.fail(CHECK, "the " + described + " key at " + name + " does not match the signing key", publish);
            }
        }
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 1024) {
            return Finding.fail(CHECK, described + " key at " + name + ": receivers reject keys under 1024 bits (RFC 8301)", "generate a 2048-bit key and publish it under a new selector");
        }
        String matched = setup.dkimKey().isPresent() ? ", matches the signing key" : "";
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
            return Finding.warn(CHECK, described + " key at " + name + matched + testing, "move to a 2048-bit key (RFC 8301 recommends at least 2048)");
        }
        if (!testing.isEmpty()) {
            return Finding.warn(CHECK, described + " key at " + name + matched + testing, "remove t=y once signatures verify");
        }
        return Finding.pass(CHECK, described + " key at " + name + matched);
    }

    /** Signs a probe with the private key and verifies it with the published one: works for RSA and Ed25519. */
    private static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        if (!DkimKeys.algorithmOf(privateKey).equals(DkimKeys.algorithmOf(publicKey))) {
            return false;
        }
        try {
            String algorithm = publicKey instanceof RSAPublicKey ? "SHA256withRSA" : "Ed25519";
            byte[] probe = "mailgate dkim key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
