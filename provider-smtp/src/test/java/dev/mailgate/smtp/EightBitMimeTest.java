package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.dkim.DkimKeys;
import dev.mailgate.core.dkim.DkimSigner;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.RawMessage;
import dev.mailgate.core.mime.BoundarySource;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.testing.dkim.ExternalDkimVerifier;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 6152 (8BITMIME) on the wire: text bodies of the messages the transport renders go 8bit, with
 * {@code BODY=8BITMIME}, to a server that offers 8BITMIME, and in today's 7-bit form to one that does not, a retry
 * on such a server included; SIZE, the signature and the rules see the form that is sent, and a message is
 * rendered once where the form does not change.
 */
class EightBitMimeTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T07:00:00Z"), ZoneOffset.UTC);
    private static final String TEXT = "Grüße aus Köln,\n\nwir freuen uns – bis bald!\n.\nEnde\n";
    private static final String[] WITHOUT_8BITMIME = {"PIPELINING", "SIZE 10000000", "ENHANCEDSTATUSCODES"};
    @RegisterExtension
    final Opened opened = new Opened();
    private final AtomicInteger renders = new AtomicInteger();

    private static SmtpConfig.Builder config(TestSmtpServer server) {
        return SmtpConfig.builder("localhost").port(server.port()).tlsMode(TlsMode.NONE)
                .commandTimeout(Duration.ofSeconds(5)).dataTimeout(Duration.ofSeconds(5)).backoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    /** A writer with a fixed clock and boundary that counts its renderings (one boundary per rendering here). */
    private MimeWriter countingWriter() {
        BoundarySource counted = () -> {
            renders.incrementAndGet();
            return "b";
        };
        return MimeWriter.builder().clock(CLOCK).boundaries(counted).build();
    }

    private SmtpTransport transport(SmtpConfig.Builder config, DkimSigner signer) {
        SmtpTransport.Builder b = SmtpTransport.builder(config.build()).writer(countingWriter());
        if (signer != null) {
            b.dkim(signer);
        }
        SmtpTransport t = b.build();
        opened.add(t);
        return t;
    }

    private static EmailMessage message(String id, String text) {
        return EmailMessage.builder().from("news@example.com").to("ana@example.org").subject("Grüße " + id).messageId(id + "@example.com")
                .text(text).html("<p>Grüße aus Köln – bis bald!</p>\n").build();
    }

    @Test
    void aServerOffering8BitMimeGetsTextBodies8BitAndEachMessageIsRenderedOnce() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder());
        SmtpTransport smtp = transport(config(server), null);

        smtp.send(message("one", TEXT));
        assertThat(smtp.sendBatch(List.of(message("two", TEXT), message("three", TEXT)))).allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Sent.class));

        List<ReceivedMessage> got = server.awaitMessages(3, Duration.ofSeconds(5));
        for (ReceivedMessage m : got) {
            String content = m.contentAsString();
            assertThat(m.mailParameters()).contains("BODY=8BITMIME").contains("SIZE=" + m.content().length);
            assertThat(content).contains("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
                    + "Grüße aus Köln,\r\n\r\nwir freuen uns – bis bald!\r\n.\r\nEnde\r\n");
            assertThat(content).contains("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n<p>Grüße aus Köln – bis bald!</p>\r\n");
            assertThat(content).doesNotContain("quoted-printable").contains("Subject: =?UTF-8?");
            assertThat(MimeParts.decodedText(m.content())).isEqualTo(TEXT.replace("\n", "\r\n"));
        }
        assertThat(renders).as("renderings: one per message").hasValue(3);
    }

    @Test
    void aServerWithout8BitMimeGetsTodaysQuotedPrintableBytes() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().extensions(WITHOUT_8BITMIME));
        SmtpTransport smtp = transport(config(server), null);

        smtp.send(message("first", TEXT));
        smtp.send(message("second", TEXT));

        List<ReceivedMessage> got = server.awaitMessages(2, Duration.ofSeconds(5));
        MimeWriter before = MimeWriter.builder().clock(CLOCK).boundaries(() -> "b").build();
        assertThat(got.get(0).content()).isEqualTo(before.render(message("first", TEXT)).bytes());
        assertThat(got.get(1).content()).isEqualTo(before.render(message("second", TEXT)).bytes());
        assertThat(got).allSatisfy(m -> {
            assertThat(m.mailParameters()).doesNotContain("BODY");
            assertThat(m.contentAsString()).contains("Content-Transfer-Encoding: quoted-printable").doesNotContain("8bit");
        });
        // The transport's first message is rendered for the 8BITMIME every server but this one offers, then again;
        // from then on it knows the server.
        assertThat(renders).hasValue(3);
    }

    @Test
    void aRetryOnASessionWithout8BitMimeSendsTheSevenBitFormSignedAgain() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        DkimSigner signer = DkimSigner.builder("example.com", "ed", key.getPrivate()).build();
        // The first session offers 8BITMIME and closes on the final dot; the one the retry opens does not offer it.
        TestSmtpServer server = opened.start(TestSmtpServer.builder().extensions(WITHOUT_8BITMIME)
                .on("EHLO", ServerAction.reply("250 localhost", "250 PIPELINING", "250 8BITMIME", "250 SIZE 10000000"), 1)
                .on(TestSmtpServer.DATA_END, ServerAction.replyAndClose("421 4.3.2 Service shutting down"), 1));
        SmtpTransport smtp = transport(config(server).eightBitMime(true), signer);

        smtp.send(message("retried", TEXT));

        ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        List<String> mails = server.commands().stream().filter(c -> c.startsWith("MAIL FROM")).toList();
        assertThat(mails).hasSize(2);
        assertThat(mails.get(0)).contains("BODY=8BITMIME");
        assertThat(mails.get(1)).doesNotContain("BODY");
        assertThat(got.mailParameters()).contains("SIZE=" + got.content().length);
        assertThat(got.contentAsString()).contains("Content-Transfer-Encoding: quoted-printable").doesNotContain("8bit");
        assertThat(new String(got.content(), StandardCharsets.ISO_8859_1).chars().allMatch(c -> c < 128)).as("7-bit octets only").isTrue();
        assertThat(MimeParts.decodedText(got.content())).isEqualTo(TEXT.replace("\n", "\r\n"));
        ExternalDkimVerifier.Result dkim = verify(key, got.content());
        assertThat(dkim.pass()).as("python3-dkim on the 7-bit form: %s", dkim.detail()).isTrue();
    }

    @Test
    void messagesABatchCarriesToASessionWithout8BitMimeGoSevenBit() throws Exception {
        // The first session offers 8BITMIME and takes two messages (maxMessagesPerConnection); those it had prepared
        // beyond them go on on the next session, which does not offer it: begun there, and chained there.
        TestSmtpServer server = opened.start(TestSmtpServer.builder().extensions(WITHOUT_8BITMIME)
                .on("EHLO", ServerAction.reply("250 localhost", "250 PIPELINING", "250 8BITMIME", "250 SIZE 10000000"), 1));
        SmtpTransport smtp = transport(config(server).maxConnections(1).maxMessagesPerConnection(2), null);
        List<EmailMessage> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batch.add(message("batch" + i, TEXT));
        }

        assertThat(smtp.sendBatch(batch)).allSatisfy(r -> assertThat(r).isInstanceOf(SendResult.Sent.class));

        List<ReceivedMessage> got = server.awaitMessages(6, Duration.ofSeconds(5));
        assertThat(got).extracting(m -> m.mailParameters().contains("BODY=8BITMIME")).containsExactly(true, true, false, false, false, false);
        for (ReceivedMessage m : got.subList(2, 6)) {
            assertThat(m.contentAsString()).contains("Content-Transfer-Encoding: quoted-printable").doesNotContain("8bit");
            assertThat(m.mailParameters()).contains("SIZE=" + m.content().length);
        }
        for (ReceivedMessage m : got) {
            assertThat(MimeParts.decodedText(m.content())).isEqualTo(TEXT.replace("\n", "\r\n"));
        }
        // The first session prepared the third message and the one after it (its lookahead) before it was full:
        // those two are rendered again, the third when begun, the fourth when chained after it.
        assertThat(renders).hasValue(8);
        assertThat(server.commandsByConnection().get(1).stream().filter(c -> c.startsWith("MAIL"))).hasSize(2).noneMatch(c -> c.contains("BODY"));
    }

    @Test
    void theDkimSignatureCoversThe8BitFormWhenItIsSwitchedOnWithDkim() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        DkimSigner signer = DkimSigner.builder("example.com", "ed", key.getPrivate()).build();
        TestSmtpServer server = opened.start(TestSmtpServer.builder());
        transport(config(server).eightBitMime(true), signer).send(message("signed8", TEXT));
        // Not switched on: with DKIM the default is the 7-bit form (RFC 6376 section 5.3).
        transport(config(server), signer).send(message("signed7", TEXT));

        List<ReceivedMessage> got = server.awaitMessages(2, Duration.ofSeconds(5));
        assertThat(got.get(0).mailParameters()).contains("BODY=8BITMIME");
        assertThat(got.get(0).contentAsString()).startsWith("DKIM-Signature: ").contains("Content-Transfer-Encoding: 8bit\r\n\r\nGrüße aus Köln,\r\n");
        assertThat(got.get(1).mailParameters()).doesNotContain("BODY");
        assertThat(got.get(1).contentAsString()).startsWith("DKIM-Signature: ").contains("quoted-printable").doesNotContain("8bit");
        for (ReceivedMessage m : got) {
            assertThat(verify(key, m.content()).pass()).as("python3-dkim: %s", verify(key, m.content()).detail()).isTrue();
        }
    }

    @Test
    void aTextPartWithALineOver998OctetsStaysQuotedPrintable() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder());
        String text = "Grüße,\n" + "lang ".repeat(240) + "\nEnde\n";
        transport(config(server), null).send(message("long", text));

        ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        String content = got.contentAsString();
        // RFC 5322 section 2.1.1: the text part cannot go as it is; the HTML part, in short lines, goes 8bit.
        assertThat(content).contains("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n");
        assertThat(content).contains("Content-Type: text/html; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n");
        assertThat(got.mailParameters()).contains("BODY=8BITMIME");
        assertThat(content.split("\r\n")).allSatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(998));
        assertThat(MimeParts.decodedText(got.content())).isEqualTo(text.replace("\n", "\r\n"));
    }

    @Test
    void sizeIsCheckedAgainstTheFormThatIsSent() throws Exception {
        String text = "Grüße – äöü ÄÖÜ ß\n".repeat(80);
        long eightBit = MimeWriter.builder().clock(CLOCK).boundaries(() -> "b").eightBitMime(true).build().render(message("size", text)).size();
        long sevenBit = MimeWriter.builder().clock(CLOCK).boundaries(() -> "b").build().render(message("size", text)).size();
        assertThat(sevenBit).as("base64 of mostly non-ASCII text").isGreaterThan(eightBit + 500);
        long limit = (eightBit + sevenBit) / 2;

        TestSmtpServer with = opened.start(TestSmtpServer.builder().extensions("PIPELINING", "8BITMIME", "SIZE " + limit));
        transport(config(with), null).send(message("size", text));
        assertThat(with.awaitMessages(1, Duration.ofSeconds(5)).get(0).content()).hasSize((int) eightBit);

        TestSmtpServer without = opened.start(TestSmtpServer.builder().extensions("PIPELINING", "SIZE " + limit));
        assertThatThrownBy(() -> transport(config(without), null).send(message("size", text)))
                .isInstanceOf(MessageTooLargeException.class).hasMessageContaining(sevenBit + " octets");
        assertThat(without.commands()).noneMatch(c -> c.startsWith("MAIL"));
    }

    @Test
    void switchedOffEveryRenderedMessageGoesSevenBitAndRawMessagesAreDeclaredAsTheyAre() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder());
        SmtpTransport smtp = transport(config(server).eightBitMime(false), null);
        smtp.send(message("off", TEXT));
        // RFC 6152 section 3: a raw message is sent as given; its 8-bit octets are declared whatever the switch.
        smtp.send(RawMessage.of(("From: a@example.com\r\nTo: b@example.org\r\nSubject: raw\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße\r\n").getBytes(StandardCharsets.UTF_8)));

        List<ReceivedMessage> got = server.awaitMessages(2, Duration.ofSeconds(5));
        assertThat(got.get(0).mailParameters()).doesNotContain("BODY");
        assertThat(got.get(0).contentAsString()).contains("quoted-printable").doesNotContain("8bit");
        assertThat(got.get(1).mailParameters()).contains("BODY=8BITMIME");
        assertThat(got.get(1).contentAsString()).endsWith("\r\n\r\nGrüße\r\n");
    }

    @Test
    void theSwitchHasAConfigKey() {
        assertThat(SmtpProvider.config(Map.of("host", "h", "eight-bit-mime", "false")).eightBitMime).isFalse();
        assertThat(SmtpProvider.config(Map.of("host", "h")).eightBitMime).isNull();
        assertThat(EightBitMime.enabled(null, false)).isTrue();
        assertThat(EightBitMime.enabled(null, true)).as("DKIM: 7-bit unless switched on").isFalse();
        assertThat(EightBitMime.enabled(true, true)).isTrue();
        assertThatThrownBy(() -> SmtpProvider.config(Map.of("host", "h", "eight-bit-mime", "yes")))
                .isInstanceOf(ProviderConfigException.class).hasMessageContaining("eight-bit-mime");
    }

    private static ExternalDkimVerifier.Result verify(KeyPair key, byte[] message) {
        return ExternalDkimVerifier.withRecords(Map.of("ed._domainkey.example.com", DkimKeys.dnsRecord(key.getPublic())))
                .verify(Map.of("m", message)).get("m");
    }

    /** The text/plain body as Angus Mail (not our code) decodes it. */
    static final class MimeParts {
        private MimeParts() {
        }

        static String decodedText(byte[] content) throws Exception {
            jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(
                    jakarta.mail.Session.getInstance(new java.util.Properties()), new java.io.ByteArrayInputStream(content));
            jakarta.mail.Multipart mp = (jakarta.mail.Multipart) m.getContent();
            for (int i = 0; i < mp.getCount(); i++) {
                if (mp.getBodyPart(i).isMimeType("text/plain")) {
                    return (String) mp.getBodyPart(i).getContent();
                }
            }
            throw new AssertionError("no text/plain part");
        }
    }
}
