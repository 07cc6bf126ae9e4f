package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.Envelope;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.message.RawMessage;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SMTP smuggling (the end-of-data variants some servers accept: bare LF, bare CR, "\n.\n", "\r\n.\r", ...) in a
 * text body, an HTML body, a text body sent 8bit (8BITMIME), a text attachment and a raw message, each followed by
 * a smuggled second transaction. The server must receive exactly one message per send, with the intended content,
 * no bare CR/LF on the wire, and never a command of the smuggled transaction.
 */
class SmugglingTest {
    private static final String SMUGGLED = "MAIL FROM:<evil@attacker.example>\r\nRCPT TO:<victim@example.org>\r\nDATA\r\nforged\r\n";
    private static final Map<String, String> END_OF_DATA = Map.of(
            "LF.LF", "\n.\n",
            "CRLF.CR", "\r\n.\r",
            "CR.CRLF", "\r.\r\n",
            "LF.CRLF", "\n.\r\n",
            "CRLF.LF", "\r\n.\n",
            "CR.CR", "\r.\r",
            "CRLF.CRLF (real terminator)", "\r\n.\r\n",
            "CRLF..CRLF", "\r\n..\r\n");
    private static final List<String> LOCATIONS = List.of("text body", "html body", "8bit text body", "text attachment", "raw message");

    private static TestSmtpServer server;
    private static SmtpTransport transport;

    @BeforeAll
    static void start() throws Exception {
        server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).build().start();
        transport = SmtpTransport.create(SmtpConfig.builder("localhost").port(server.port()).sslContext(TestCertificates.trustingClient())
                .commandTimeout(Duration.ofSeconds(5)).dataTimeout(Duration.ofSeconds(5)).build());
    }

    @AfterAll
    static void stop() {
        transport.close();
        server.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        END_OF_DATA.keySet().stream().sorted().forEach(v -> LOCATIONS.forEach(l -> all.add(Arguments.of(l, v))));
        return all.stream();
    }

    @ParameterizedTest(name = "{1} in {0}")
    @MethodSource("cases")
    void theServerReceivesExactlyTheOneIntendedMessage(String location, String variant) throws Exception {
        String payload = "before" + END_OF_DATA.get(variant) + SMUGGLED + "after";
        String caseId = (location + "-" + variant).replaceAll("[^A-Za-z0-9]", "");
        int before = server.messages().size();
        long mailCommandsBefore = mailCommands();
        OutboundMessage message = message(location, payload, caseId);
        transport.send(message);
        List<ReceivedMessage> got = server.awaitMessages(before + 1, Duration.ofSeconds(5));
        Thread.sleep(50); // a smuggled second message would arrive right after the first
        assertThat(server.messages()).hasSize(before + 1);
        assertThat(mailCommands() - mailCommandsBefore).as("MAIL commands").isEqualTo(1);
        assertThat(server.commands()).noneMatch(c -> c.contains("attacker.example"));
        ReceivedMessage received = got.get(got.size() - 1);
        assertThat(received.hasBareLineBreaks()).isFalse();
        String content = received.contentAsString();
        if (location.equals("raw message")) {
            assertThat(content).isEqualTo(crlf(rawText(payload, caseId)));
        } else if (location.equals("text attachment")) {
            // An attachment is bytes: they arrive exactly, bare CRs and all (base64 keeps them off the wire).
            assertThat(attachmentBytes(received.content())).isEqualTo(payload.getBytes(StandardCharsets.UTF_8));
        } else {
            if (location.equals("8bit text body")) {
                assertThat(received.mailParameters()).contains("BODY=8BITMIME");
                assertThat(content).contains("Content-Transfer-Encoding: 8bit\r\n");
            }
            // The content reads back as the payload with its line breaks made CRLF (RFC 5322 section 2.1).
            assertThat(decodedBodies(received.content())).contains(crlf(payload).replace("\r\n", "\n"));
        }
    }

    private static long mailCommands() {
        return server.commands().stream().filter(c -> c.startsWith("MAIL FROM")).count();
    }

    private static OutboundMessage message(String location, String payload, String caseId) {
        EmailMessage.Builder b = EmailMessage.builder().from("a@example.com").to("b@example.org").subject(caseId);
        switch (location) {
            case "text body" -> b.text(payload);
            // Non-ASCII with short lines: sent as it is (8bit, RFC 6152), so only the line-break rules stand between it and the wire.
            case "8bit text body" -> b.text(payload + "\nGrüße");
            case "html body" -> b.html(payload);
            case "text attachment" -> b.text("see attachment").attach(Attachment.of("note.txt", payload.getBytes(StandardCharsets.UTF_8), "text/plain"));
            default -> {
                return RawMessage.of(rawText(payload, caseId).getBytes(StandardCharsets.UTF_8),
                        Envelope.of(EmailAddress.parse("a@example.com"), List.of(EmailAddress.parse("b@example.org"))));
            }
        }
        return b.build();
    }

    private static String rawText(String payload, String caseId) {
        return "From: a@example.com\r\nTo: b@example.org\r\nSubject: " + caseId + "\r\n\r\n" + payload + "\r\n";
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n");
    }

    private static byte[] attachmentBytes(byte[] content) throws Exception {
        jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(content));
        jakarta.mail.Multipart mp = (jakarta.mail.Multipart) m.getContent();
        for (int i = 0; i < mp.getCount(); i++) {
            if ("note.txt".equals(mp.getBodyPart(i).getFileName())) {
                return mp.getBodyPart(i).getInputStream().readAllBytes();
            }
        }
        throw new AssertionError("no attachment note.txt");
    }

    /** The decoded text of every part, read by Angus Mail (not by our code), line breaks as LF. */
    private static String decodedBodies(byte[] content) throws Exception {
        jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(jakarta.mail.Session.getInstance(new java.util.Properties()),
                new java.io.ByteArrayInputStream(content));
        StringBuilder out = new StringBuilder();
        collect(m, out);
        return out.toString().replace("\r\n", "\n");
    }

    private static void collect(jakarta.mail.Part part, StringBuilder out) throws Exception {
        Object c = part.getContent();
        if (c instanceof jakarta.mail.Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                collect(mp.getBodyPart(i), out);
            }
        } else if (c instanceof String s) {
            out.append(s).append('\n');
        } else if (c instanceof java.io.InputStream in) {
            out.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
        }
    }
}
