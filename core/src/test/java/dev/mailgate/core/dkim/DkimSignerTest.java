package dev.mailgate.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signature field's form and an in-house check of the signature with the JDK's verifier. The independent check
 * (python3-dkim over messages sent through the SMTP transport) is in provider-smtp's DkimSigningTest.
 */
class DkimSignerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
    private static final PrivateKey RSA = DkimKeys.fromPem(DkimKeysTest.pem("rsa2048-pkcs1.pem"));
    private static final String MESSAGE = "From: Ann <ann@example.com>\r\nTo: bob@example.org\r\nSubject: Hi\r\n"
            + "Subject: second\r\nX-Other: x\r\n\r\nHello  world \r\n\r\n\r\n";

    @Test
    void signatureFieldHasTheTagsInOrderAndFoldsAt78() {
        DkimSigner signer = DkimSigner.builder("Example.COM", "S2026", RSA).clock(CLOCK).expireAfter(Duration.ofDays(7)).build();
        String field = signer.signatureField(MESSAGE.getBytes(StandardCharsets.US_ASCII));
        Map<String, String> tags = tags(field);
        assertThat(tags.keySet()).containsExactly("v", "a", "c", "d", "s", "t", "x", "h", "bh", "b");
        assertThat(tags).containsEntry("a", "rsa-sha256").containsEntry("c", "relaxed/relaxed").containsEntry("d", "example.com")
                .containsEntry("s", "s2026").containsEntry("t", "1795428000").containsEntry("x", String.valueOf(1795428000L + 7 * 86400));
        // both Subject fields are signed (bottom-up), X-Other is not in the default list
        assertThat(tags.get("h")).isEqualTo("from:subject:subject:to");
        assertThat(field.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(signer.keyRecordName()).isEqualTo("s2026._domainkey.example.com");
    }

    @Test
    void oversignedNamesAppearOnceMoreThanTheirFields() {
        DkimSigner signer = DkimSigner.builder("example.com", "s1", RSA).clock(CLOCK).oversign("From", "To", "Subject").build();
        String h = tags(signer.signatureField(MESSAGE.getBytes(StandardCharsets.US_ASCII))).get("h");
        assertThat(h).isEqualTo("from:from:subject:subject:subject:to:to");
    }

    @Test
    void bodyHashIsOverTheRelaxedBodyAndTheSignatureVerifiesWithTheJdk() throws Exception {
        byte[] message = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        DkimSigner signer = DkimSigner.builder("example.com", "s1", RSA).clock(CLOCK).build();
        byte[] signed = signer.sign(message);
        String field = new String(signed, 0, signed.length - message.length - 2, StandardCharsets.US_ASCII);
        Map<String, String> tags = tags(field);
        byte[] bh = MessageDigest.getInstance("SHA-256").digest("Hello world\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(tags.get("bh")).isEqualTo(Base64.getEncoder().encodeToString(bh));

        // Section 3.7 by hand: the signed fields relaxed, then the signature field with an empty b= and no CRLF.
        String unsigned = field.substring(0, field.indexOf("b=", field.indexOf("bh=") + 3) + 2);
        String data = "from:Ann <ann@example.com>\r\nsubject:second\r\nsubject:Hi\r\nto:bob@example.org\r\n"
                + "dkim-signature:" + unsigned.substring("DKIM-Signature:".length()).replaceAll("\r\n", "").replaceAll("[ \t]+", " ").strip();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(DkimKeys.rsaPublicKey(RSA));
        verifier.update(data.getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getDecoder().decode(tags.get("b")))).isTrue();
        assertThat(new String(signed, StandardCharsets.US_ASCII)).endsWith(MESSAGE);
    }

    @Test
    void ed25519SignsTheSha256OfTheData() throws Exception {
        PrivateKey ed = DkimKeys.fromPem(DkimKeysTest.pem("ed25519.pem"));
        String spki = DkimKeysTest.pem("ed25519.pub.pem").replaceAll("-----[A-Z ]+-----|\\s", "");
        PublicKey pub = KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(spki)));
        DkimSigner signer = DkimSigner.builder("example.com", "ed", ed).clock(CLOCK).canonicalization(Canonicalization.SIMPLE, Canonicalization.SIMPLE).build();
        String field = signer.signatureField(MESSAGE.getBytes(StandardCharsets.US_ASCII));
        Map<String, String> tags = tags(field);
        assertThat(tags).containsEntry("a", "ed25519-sha256").containsEntry("c", "simple/simple");
        String unsigned = field.substring(0, field.indexOf("b=", field.indexOf("bh=") + 3) + 2);
        String data = "From: Ann <ann@example.com>\r\nSubject: second\r\nSubject: Hi\r\nTo: bob@example.org\r\n" + unsigned;
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(pub);
        verifier.update(MessageDigest.getInstance("SHA-256").digest(data.getBytes(StandardCharsets.US_ASCII)));
        assertThat(verifier.verify(Base64.getDecoder().decode(tags.get("b")))).isTrue();
    }

    @Test
    void bodyLengthTagIsOffByDefaultAndCountsTheCanonicalBody() {
        byte[] m = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        assertThat(tags(DkimSigner.builder("example.com", "s1", RSA).build().signatureField(m))).doesNotContainKey("l");
        assertThat(tags(DkimSigner.builder("example.com", "s1", RSA).bodyLengthTag(true).build().signatureField(m))).containsEntry("l", "13");
    }

    @Test
    void refusesWhatCannotBeSigned() {
        PrivateKey small = DkimKeys.fromPem(DkimKeysTest.pem("rsa512-pkcs1.pem"));
        assertThatThrownBy(() -> DkimSigner.builder("example.com", "s1", small)).isInstanceOf(DkimException.class)
                .hasMessageContaining("512 bits").hasMessageContaining("1024 to 4096");
        assertThatThrownBy(() -> DkimSigner.builder("example.com", "s1\r\nBcc: x", RSA)).isInstanceOf(DkimException.class)
                .hasMessageContaining("invalid DKIM selector \"s1\\r\\nBcc: x\"");
        assertThatThrownBy(() -> DkimSigner.builder("exa mple.com", "s1", RSA)).isInstanceOf(DkimException.class).hasMessageContaining("signing domain");
        assertThatThrownBy(() -> DkimSigner.builder("example.com", "s1", RSA).identity("x@other.com")).isInstanceOf(DkimException.class)
                .hasMessageContaining("must be [local]@example.com");
        assertThatThrownBy(() -> DkimSigner.builder("example.com", "s1", RSA).headers(java.util.List.of("To\r\nX"))).isInstanceOf(DkimException.class);
        DkimSigner signer = DkimSigner.builder("example.com", "s1", RSA).build();
        assertThatThrownBy(() -> signer.sign("To: a@b.c\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(DkimException.class).hasMessageContaining("no From header");
    }

    @Test
    void acceptsRsaKeysFrom1024To4096Bits() {
        for (String file : new String[] {"rsa1024-pkcs1.pem", "rsa4096-pkcs1.pem"}) {
            DkimSigner signer = DkimSigner.builder("example.com", "s1", DkimKeys.fromPem(DkimKeysTest.pem(file))).build();
            assertThat(signer.signatureField(MESSAGE.getBytes(StandardCharsets.US_ASCII))).contains("a=rsa-sha256");
        }
    }

    static Map<String, String> tags(String field) {
        String value = field.substring(field.indexOf(':') + 1).replaceAll("\\s", "");
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : value.split(";")) {
            int eq = tag.indexOf('=');
            tags.put(tag.substring(0, eq), tag.substring(eq + 1));
        }
        return tags;
    }
}
