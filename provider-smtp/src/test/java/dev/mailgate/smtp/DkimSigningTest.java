package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.dkim.Canonicalization;
import dev.mailgate.core.dkim.DkimKeys;
import dev.mailgate.core.dkim.DkimSigner;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.testing.dkim.ExternalDkimVerifier;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DKIM signatures made by the transport, checked by an independent verifier (Debian's python3-dkim) on the bytes the
 * SMTP server received, for generated messages with Unicode, long lines, leading dots (dot-stuffed on the wire),
 * whitespace runs and attachments, across both algorithms and canonicalizations.
 */
class DkimSigningTest {
    private static final int PER_SIGNER = 30;

    @Test
    void everyReceivedMessageVerifiesWithPython3Dkim() throws Exception {
        KeyPair rsa = generate("RSA", 2048);
        KeyPair ed = generate("Ed25519", 0);
        Map<String, String> records = Map.of(
                "rsa._domainkey.example.com", DkimKeys.dnsRecord(rsa.getPublic()),
                "ed._domainkey.example.com", DkimKeys.dnsRecord(ed.getPublic()));
        List<DkimSigner> signers = List.of(
                DkimSigner.builder("example.com", "rsa", rsa.getPrivate()).build(),
                DkimSigner.builder("example.com", "rsa", rsa.getPrivate()).canonicalization(Canonicalization.SIMPLE, Canonicalization.SIMPLE).build(),
                DkimSigner.builder("example.com", "ed", ed.getPrivate()).oversign("From", "Subject", "To").build(),
                DkimSigner.builder("example.com", "ed", ed.getPrivate()).canonicalization(Canonicalization.RELAXED, Canonicalization.SIMPLE)
                        .identity("news@mail.example.com").build());

        Map<String, byte[]> received = new LinkedHashMap<>();
        Random random = new Random(6376);
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).build().start()) {
            for (int s = 0; s < signers.size(); s++) {
                try (SmtpTransport transport = SmtpTransport.builder(SmtpConfig.builder("localhost").port(server.port())
                        .sslContext(TestCertificates.trustingClient()).commandTimeout(Duration.ofSeconds(10)).build()).dkim(signers.get(s)).build()) {
                    List<EmailMessage> batch = new ArrayList<>();
                    for (int i = 0; i < PER_SIGNER; i++) {
                        batch.add(generated(random, s + "-" + i));
                    }
                    assertThat(transport.sendBatch(batch)).allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Sent.class));
                }
            }
            for (ReceivedMessage m : server.awaitMessages(signers.size() * PER_SIGNER, Duration.ofSeconds(30))) {
                received.put(subjectKey(m), m.content());
            }
        }
        assertThat(received).hasSize(signers.size() * PER_SIGNER);
        // the generator did produce what the test is about
        assertThat(received.values().stream().filter(DkimSigningTest::hasDotStuffedLine).count()).isGreaterThan(20);

        Map<String, ExternalDkimVerifier.Result> results = ExternalDkimVerifier.withRecords(records).verify(received);
        List<String> failures = results.entrySet().stream().filter(e -> !e.getValue().pass())
                .map(e -> e.getKey() + ": " + e.getValue().detail()).toList();
        assertThat(failures).as("messages python3-dkim rejected (first 3 shown): %s", failures.stream().limit(3).toList()).isEmpty();
    }

    @Test
    void alteredMessagesFailTheIndependentVerifier() throws Exception {
        KeyPair rsa = generate("RSA", 2048);
        DkimSigner signer = DkimSigner.builder("example.com", "rsa", rsa.getPrivate()).oversign("From").build();
        byte[] signed = signer.sign(dev.mailgate.core.mime.MimeWriter.standard().render(generated(new Random(1), "x")).bytes());
        String text = new String(signed, StandardCharsets.ISO_8859_1);
        Map<String, byte[]> cases = new HashMap<>();
        cases.put("intact", signed);
        cases.put("body changed", text.replaceFirst("(?s)(\r\n\r\n.*?)e", "$1E").getBytes(StandardCharsets.ISO_8859_1));
        cases.put("second From added", text.replaceFirst("\r\nFrom:", "\r\nFrom: evil@attacker.example\r\nFrom:").getBytes(StandardCharsets.ISO_8859_1));
        cases.put("wrong key published", signed);
        Map<String, ExternalDkimVerifier.Result> good = ExternalDkimVerifier.withRecords(Map.of("rsa._domainkey.example.com",
                DkimKeys.dnsRecord(rsa.getPublic()))).verify(Map.of("intact", signed, "body changed", cases.get("body changed"),
                "second From added", cases.get("second From added")));
        assertThat(good.get("intact").pass()).isTrue();
        assertThat(good.get("body changed").pass()).isFalse();
        assertThat(good.get("second From added").pass()).isFalse();
        Map<String, ExternalDkimVerifier.Result> wrongKey = ExternalDkimVerifier.withRecords(Map.of("rsa._domainkey.example.com",
                DkimKeys.dnsRecord(generate("RSA", 2048).getPublic()))).verify(Map.of("wrong key published", signed));
        assertThat(wrongKey.get("wrong key published").pass()).isFalse();
    }

    @Test
    void providerConfigKeysSignWithAKeyFile(@TempDir Path dir) throws Exception {
        KeyPair rsa = generate("RSA", 2048);
        Path keyFile = dir.resolve("dkim.pem");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(rsa.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).build().start()) {
            Map<String, String> config = Map.of("host", "localhost", "port", String.valueOf(server.port()),
                    "dkim-domain", "example.com", "dkim-selector", "rsa", "dkim-key-file", keyFile.toString());
            assertThat(SmtpProvider.dkimSigner(config)).isPresent();
            assertThat(SmtpProvider.dkimSigner(Map.of("host", "h"))).isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmtpProvider.dkimSigner(Map.of("dkim-domain", "example.com")))
                    .hasMessageContaining("dkim-selector").hasMessageContaining("required when any dkim-* key is set");
        }
    }

    private static boolean hasDotStuffedLine(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1).contains("\r\n.");
    }

    private static String subjectKey(ReceivedMessage m) {
        String content = m.contentAsString();
        int i = content.indexOf("X-Case: ");
        return content.substring(i + 8, content.indexOf("\r\n", i));
    }

    private static KeyPair generate(String algorithm, int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (bits > 0) {
            g.initialize(bits);
        }
        return g.generateKeyPair();
    }

    /** A message with the features that break naive signers: Unicode, long and dotted lines, spaces, attachments. */
    static EmailMessage generated(Random random, String name) {
        String[] words = {"hello", "Grüße", "naïve", "日本語", "emoji 📬", "  spaced\tout  ", ".leading dot", "..", "résumé", "x"};
        Function<Integer, String> text = n -> {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append(words[random.nextInt(words.length)]).append(random.nextInt(8) == 0 ? "\n" : " ");
                if (random.nextInt(20) == 0) {
                    b.append("\n.\n.dot line\n");
                }
            }
            return b.toString();
        };
        EmailMessage.Builder b = EmailMessage.builder().from("Sender Ünïcode <news@example.com>").to("rcpt" + name + "@example.org")
                .subject(text.apply(3 + random.nextInt(12)).replace('\n', ' ')).header("X-Case", name)
                .text(text.apply(random.nextInt(400)) + (random.nextBoolean() ? "x".repeat(1200) : "") + (random.nextBoolean() ? "\n\n\n" : ""));
        if (random.nextBoolean()) {
            b.html("<p>" + text.apply(50) + "</p>");
        }
        if (random.nextInt(3) == 0) {
            byte[] bytes = new byte[1 + random.nextInt(40_000)];
            random.nextBytes(bytes);
            b.attach(Attachment.of("datei ü " + name + ".bin", bytes));
        }
        return b.build();
    }
}
