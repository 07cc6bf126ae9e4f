package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.Mailgate;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.Envelope;
import dev.mailgate.core.message.RawMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.transport.AuthenticationException;
import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.core.transport.MailTimeoutException;
import dev.mailgate.core.transport.OutcomeUnknownException;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.SendResult;
import dev.mailgate.core.transport.ServerRejectedException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The SMTP client against the scriptable test server, over real sockets and real TLS handshakes. */
class SmtpTransportTest {
    @RegisterExtension
    final Opened opened = new Opened();

    private SmtpConfig.Builder config(TestSmtpServer server) {
        return SmtpConfig.builder("localhost").port(server.port())
                .sslContext(TestCertificates.trustingClient())
                .commandTimeout(Duration.ofSeconds(5)).dataTimeout(Duration.ofSeconds(5))
                .backoff(Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private SmtpTransport transport(SmtpConfig.Builder config) {
        SmtpTransport t = SmtpTransport.create(config.build());
        opened.add(t);
        return t;
    }

    private static EmailMessage message(String to) {
        return EmailMessage.builder().from("News <news@example.com>").to(to).subject("Grüße " + to)
                .text("Hello,\n.\nthis line starts with a dot\n..and this one with two\n").build();
    }

    @Test
    void startTlsAuthAndPipeliningDeliverTheRenderedBytesExactly() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("user", "secret"));
        SmtpTransport smtp = transport(config(server).credentials("user", "secret"));
        EmailMessage m = message("ana@example.org");

        SendReceipt receipt = smtp.send(m);

        ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(got.tls()).isTrue();
        assertThat(got.authenticatedAs()).isEqualTo("user");
        assertThat(got.mailFrom()).isEqualTo("news@example.com");
        assertThat(got.recipients()).containsExactly("ana@example.org");
        assertThat(got.hasBareLineBreaks()).isFalse();
        byte[] rendered = MimeWriter.standard().render(m).bytes();
        // Byte for byte, except the Date line: the transport rendered at its own moment.
        String sent = new String(got.content(), StandardCharsets.UTF_8);
        String expected = new String(rendered, StandardCharsets.UTF_8);
        assertThat(sent.substring(sent.indexOf("\r\n"))).isEqualTo(expected.substring(expected.indexOf("\r\n")));
        assertThat(receipt.messageId()).isEqualTo(m.messageId());
        assertThat(receipt.providerMessageId()).contains("Q1");
        assertThat(receipt.allAccepted()).isTrue();
        // MAIL, RCPT and DATA went out in one write: the server saw them back to back, with SIZE declared.
        List<String> cmds = server.commands();
        int mail = indexOf(cmds, "MAIL FROM:");
        assertThat(cmds.get(mail)).contains("SIZE=");
        assertThat(cmds.get(mail + 1)).startsWith("RCPT TO:<ana@example.org>");
        assertThat(cmds.get(mail + 2)).isEqualTo("DATA");
    }

    @Test
    void rcpt550RejectsOnlyThatRecipient() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .on("RCPT TO:<gone@", ServerAction.reply("550 5.1.1 <gone@example.org>: Recipient address rejected")));
        SmtpTransport smtp = transport(config(server));
        SendReceipt receipt = smtp.send(message("ok@example.org, gone@example.org"));
        assertThat(receipt.accepted()).extracting(EmailAddress::address).containsExactly("ok@example.org");
        assertThat(receipt.rejected()).singleElement().satisfies(r -> {
            assertThat(r.recipient().address()).isEqualTo("gone@example.org");
            assertThat(r.reply().code()).isEqualTo(550);
            assertThat(r.reply().status().orElseThrow().toString()).isEqualTo("5.1.1");
        });
        assertThat(server.awaitMessages(1, Duration.ofSeconds(5)).get(0).recipients()).containsExactly("ok@example.org");
    }

    @Test
    void transient421IsRetriedOnAFreshConnection() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .on("MAIL FROM", ServerAction.reply("421 4.3.2 Service shutting down"), 1));
        List<String> events = new CopyOnWriteArrayList<>();
        SmtpTransport smtp = SmtpTransport.builder(config(server).build()).listener(new SmtpEventListener() {
            @Override
            public void retrying(Send send, int attempt, dev.mailgate.core.MailException error, Duration delay) {
                events.add("retry " + attempt + " " + error.getClass().getSimpleName());
            }
        }).build();
        opened.add(smtp);
        smtp.send(message("a@example.org"));
        assertThat(server.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
        assertThat(server.connectionCount()).isEqualTo(2);
        assertThat(events).containsExactly("retry 1 ServerRejectedException");
    }

    @Test
    void permanent5xxAtEndOfDataIsNotRetried() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .on(TestSmtpServer.DATA_END, ServerAction.reply("554 5.7.1 Message rejected as spam")));
        SmtpTransport smtp = transport(config(server));
        assertThatThrownBy(() -> smtp.send(message("a@example.org")))
                .isInstanceOfSatisfying(ServerRejectedException.class, e -> {
                    assertThat(e.code()).isEqualTo(554);
                    assertThat(e.command()).isEqualTo("end of data");
                    assertThat(e.isRetrySafe()).isFalse();
                });
        assertThat(server.connectionCount()).isEqualTo(1);
        assertThat(server.commands().stream().filter(c -> c.startsWith("MAIL")).count()).isEqualTo(1);
    }

    @Test
    void connectionLostAfterTheFinalDotIsOutcomeUnknownAndNeverResent() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .on(TestSmtpServer.DATA_END, ServerAction.disconnect()));
        SmtpTransport smtp = transport(config(server));
        EmailMessage m = message("a@example.org");
        assertThatThrownBy(() -> smtp.send(m)).isInstanceOfSatisfying(OutcomeUnknownException.class, e -> {
            assertThat(e.messageId()).isEqualTo(m.messageId().orElseThrow());
            assertThat(e.isRetrySafe()).isFalse();
        });
        assertThat(server.commands().stream().filter(c -> c.startsWith("MAIL")).count()).isEqualTo(1);
    }

    @Test
    void connectionLostBeforeTheFinalDotIsRetried() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .on("DATA", ServerAction.disconnect(), 1));
        SmtpTransport smtp = transport(config(server));
        smtp.send(message("a@example.org"));
        assertThat(server.awaitMessages(1, Duration.ofSeconds(5))).hasSize(1);
        assertThat(server.connectionCount()).isEqualTo(2);
    }

    @Test
    void stalledServerTimesOutWithinTheCommandTimeout() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .on("MAIL FROM", ServerAction.stall(Duration.ofSeconds(10))));
        SmtpTransport smtp = transport(config(server).commandTimeout(Duration.ofMillis(300)).maxAttempts(1));
        long start = System.nanoTime();
        assertThatThrownBy(() -> smtp.send(message("a@example.org"))).isInstanceOf(MailTimeoutException.class)
                .hasMessageContaining("300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void missingStartTlsIsRefusedAndNoCredentialsAreSent() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().auth("user", "secret").authWithoutTls());
        SmtpTransport smtp = transport(config(server).credentials("user", "secret"));
        assertThatThrownBy(() -> smtp.send(message("a@example.org"))).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("does not offer STARTTLS");
        assertThat(server.commands()).noneMatch(c -> c.startsWith("AUTH")).noneMatch(c -> c.startsWith("MAIL"));
        assertThat(server.connectionCount()).as("a TLS failure is not retried").isEqualTo(1);
    }

    @Test
    void startTlsRefusedByTheServerIsNotADowngrade() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .on("STARTTLS", ServerAction.reply("454 4.7.0 TLS not available due to temporary reason")));
        SmtpTransport smtp = transport(config(server));
        assertThatThrownBy(() -> smtp.send(message("a@example.org"))).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("refused STARTTLS");
        assertThat(server.commands()).noneMatch(c -> c.startsWith("MAIL"));
    }

    @Test
    void plaintextInjectedAfterStartTlsReplyIsDetected() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .on("STARTTLS", ServerAction.raw("220 2.0.0 Ready to start TLS\r\n250 injected\r\n")));
        SmtpTransport smtp = transport(config(server));
        assertThatThrownBy(() -> smtp.send(message("a@example.org"))).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("injection");
        assertThat(server.commands()).noneMatch(c -> c.startsWith("MAIL"));
    }

    @Test
    void certificateForAnotherNameFailsTheHandshake() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.wrongNameServer()));
        SmtpTransport smtp = transport(config(server));
        assertThatThrownBy(() -> smtp.send(message("a@example.org"))).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("TLS handshake").hasMessageContaining("localhost");
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void implicitTlsWorksOnTheFirstByte() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().implicitTls(TestCertificates.localhostServer()));
        SmtpTransport smtp = transport(config(server).tlsMode(TlsMode.IMPLICIT));
        smtp.send(message("a@example.org"));
        assertThat(server.awaitMessages(1, Duration.ofSeconds(5)).get(0).tls()).isTrue();
    }

    @Test
    void wrongPassword535IsAnAuthenticationErrorAndNotRetried() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("user", "secret"));
        SmtpTransport smtp = transport(config(server).credentials("user", "wrong"));
        assertThatThrownBy(() -> smtp.send(message("a@example.org")))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.reply().orElseThrow().code()).isEqualTo(535));
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void xoauth2SendsTheToken() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("me@example.com", "ya29.token"));
        SmtpTransport smtp = transport(config(server).oauth2("me@example.com", () -> "ya29.token"));
        smtp.send(message("a@example.org"));
        assertThat(server.awaitMessages(1, Duration.ofSeconds(5)).get(0).authenticatedAs()).isEqualTo("me@example.com");
        assertThat(server.commands()).anyMatch(c -> c.startsWith("AUTH XOAUTH2 "));
    }

    @Test
    void lockStepWithoutPipeliningAndDsnParameters() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).pipelining(false));
        SmtpTransport smtp = transport(config(server).dsn(Set.of("FAILURE", "DELAY"), "HDRS"));
        EmailMessage m = message("a@example.org, b@example.org");
        smtp.send(m);
        ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(got.mailParameters()).contains("RET=HDRS").contains("ENVID=" + m.messageId().orElseThrow());
        assertThat(got.rcptParameters()).containsOnly("NOTIFY=DELAY,FAILURE");
    }

    @Test
    void messageLargerThanTheAdvertisedSizeIsNotSent() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).maxSize(1000));
        SmtpTransport smtp = transport(config(server));
        EmailMessage big = message("a@example.org").toBuilder().text("x".repeat(5000)).build();
        assertThatThrownBy(() -> smtp.send(big)).isInstanceOf(MessageTooLargeException.class).hasMessageContaining("1000");
        assertThat(server.commands()).noneMatch(c -> c.startsWith("MAIL"));
    }

    @Test
    void unicodeAddressNeedsSmtpUtf8AndGetsIt() throws Exception {
        TestSmtpServer with = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()));
        transport(config(with)).send(message("josé@example.org"));
        ReceivedMessage got = with.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(got.recipients()).containsExactly("josé@example.org");
        assertThat(got.mailParameters()).contains("SMTPUTF8");

        TestSmtpServer without = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).smtpUtf8(false));
        assertThatThrownBy(() -> transport(config(without)).send(message("josé@example.org")))
                .isInstanceOf(UnsupportedByServerException.class).hasMessageContaining("SMTPUTF8");
    }

    @Test
    void smugglingSequencesInARawMessageNeverReachTheWireAsLineBreaks() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()));
        SmtpTransport smtp = transport(config(server));
        String body = "line one\n.\nMAIL FROM:<evil@x.org>\r\n.\rRCPT TO:<victim@x.org>\r\n.\r\n";
        byte[] eml = ("From: a@example.com\r\nTo: b@example.org\r\nSubject: s\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        smtp.send(RawMessage.of(eml, Envelope.of(EmailAddress.parse("a@example.com"), List.of(EmailAddress.parse("b@example.org")))));
        Thread.sleep(200);
        List<ReceivedMessage> got = server.messages();
        assertThat(got).hasSize(1);
        assertThat(got.get(0).hasBareLineBreaks()).isFalse();
        assertThat(got.get(0).contentAsString()).endsWith("line one\r\n.\r\nMAIL FROM:<evil@x.org>\r\n.\r\nRCPT TO:<victim@x.org>\r\n.\r\n");
        assertThat(server.commands()).noneMatch(c -> c.contains("evil"));
    }

    @Test
    void oneConnectionCarriesManyMessagesUpToItsLimit() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()));
        SmtpTransport smtp = transport(config(server).maxMessagesPerConnection(5));
        for (int i = 0; i < 20; i++) {
            smtp.send(message("r" + i + "@example.org"));
        }
        assertThat(server.awaitMessages(20, Duration.ofSeconds(5))).hasSize(20);
        assertThat(server.connectionCount()).isEqualTo(4);
        assertThat(server.commands().stream().filter(c -> c.startsWith("EHLO")).count()).isEqualTo(8);
    }

    @Test
    void batchUsesThePoolAndReportsEachResultInOrder() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .on("RCPT TO:<r7@", ServerAction.reply("550 5.1.1 no such user")));
        SmtpTransport smtp = transport(config(server).maxConnections(3));
        List<EmailMessage> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(message("r" + i + "@example.org"));
        }
        List<SendResult> results = smtp.sendBatch(batch);
        assertThat(results).hasSize(30);
        for (int i = 0; i < 30; i++) {
            assertThat(results.get(i).message()).isSameAs(batch.get(i));
            assertThat(results.get(i)).isInstanceOf(i == 7 ? SendResult.Failed.class : SendResult.Sent.class);
        }
        assertThat(server.awaitMessages(29, Duration.ofSeconds(5))).hasSize(29);
        assertThat(server.connectionCount()).isBetween(1, 3);
    }

    @Test
    void chainedBatchRetriesATransientFailureAndDeliversEverything() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .on(TestSmtpServer.DATA_END, ServerAction.reply("451 4.3.0 Temporary failure, try again"), 1)
                .on("RCPT TO:<r5@", ServerAction.disconnect(), 1));
        SmtpTransport smtp = transport(config(server).maxConnections(1));
        List<EmailMessage> batch = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            batch.add(message("r" + i + "@example.org"));
        }
        List<SendResult> results = smtp.sendBatch(batch);
        assertThat(results).allMatch(r -> r instanceof SendResult.Sent);
        List<ReceivedMessage> got = server.awaitMessages(12, Duration.ofSeconds(5));
        assertThat(got).extracting(r -> r.recipients().get(0)).containsExactlyInAnyOrder(
                batch.stream().map(m -> m.to().get(0).address()).toArray(String[]::new));
        // The disconnect at r5 broke the chain; the rest went on a new connection.
        assertThat(server.connectionCount()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void serverWithoutEhloGetsHeloAndLockStep() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().on("EHLO", ServerAction.reply("502 5.5.2 Error: command not recognized")));
        SmtpTransport smtp = transport(config(server).tlsMode(TlsMode.NONE));
        smtp.send(message("a@example.org"));
        assertThat(server.awaitMessages(1, Duration.ofSeconds(5)).get(0).mailParameters()).doesNotContain("SIZE");
        assertThat(server.commands()).anyMatch(c -> c.startsWith("HELO "));
    }

    @Test
    void malformedReplyIsAProtocolErrorNotAHang() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .on("MAIL FROM", ServerAction.raw("this is not smtp\r\n")));
        SmtpTransport smtp = transport(config(server).maxAttempts(2));
        assertThatThrownBy(() -> smtp.send(message("a@example.org"))).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("malformed reply").hasMessageContaining("this is not smtp");
        assertThat(server.connectionCount()).as("retried once on a fresh connection").isEqualTo(2);
    }

    @Test
    void listenerSeesConnectAndSendAndAsyncUsesTheGivenExecutor() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()));
        List<String> events = new CopyOnWriteArrayList<>();
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor(r -> new Thread(r, "caller-pool"));
        try {
            SmtpTransport smtp = SmtpTransport.builder(config(server).build()).listener(new SmtpEventListener() {
                @Override
                public void tlsHandshakeEnd(Session session, Handshake handshake) {
                    events.add("connected tls=" + handshake.protocol().startsWith("TLSv1."));
                }

                @Override
                public void transactionEnd(Session session, Send send, SendReceipt receipt) {
                    events.add("sent on " + Thread.currentThread().getName());
                }
            }).executor(executor).build();
            opened.add(smtp);
            smtp.sendAsync(message("a@example.org")).get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(events).containsExactly("connected tls=true", "sent on caller-pool");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void eightBitRawContentIsDeclaredAndRefusedWhereItCannotGo() throws Exception {
        byte[] eml = ("From: a@example.com\r\nTo: b@example.org\r\nSubject: s\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\nGrüße\r\n").getBytes(StandardCharsets.UTF_8);
        TestSmtpServer with = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()));
        transport(config(with)).send(RawMessage.of(eml));
        ReceivedMessage got = with.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(got.mailParameters()).contains("BODY=8BITMIME");
        assertThat(got.contentAsString()).endsWith("\r\n\r\nGrüße\r\n");

        TestSmtpServer without = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .extensions("PIPELINING", "STARTTLS", "SIZE 1000000"));
        assertThatThrownBy(() -> transport(config(without)).send(RawMessage.of(eml)))
                .isInstanceOf(UnsupportedByServerException.class).hasMessageContaining("8BITMIME");
        assertThat(without.commands()).noneMatch(c -> c.startsWith("MAIL"));
    }

    @Test
    void listenerIsToldOfTheFinalFailure() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer())
                .on("MAIL FROM", ServerAction.reply("451 4.3.0 Try again later")));
        List<String> events = new CopyOnWriteArrayList<>();
        SmtpTransport smtp = SmtpTransport.builder(config(server).maxAttempts(2).build()).listener(new SmtpEventListener() {
            @Override
            public void retrying(Send send, int attempt, dev.mailgate.core.MailException error, Duration delay) {
                events.add("retrying " + attempt);
            }

            @Override
            public void failed(Send send, dev.mailgate.core.MailException error) {
                events.add("failed " + ((ServerRejectedException) error).code());
            }
        }).build();
        opened.add(smtp);
        assertThatThrownBy(() -> smtp.send(message("a@example.org"))).isInstanceOf(ServerRejectedException.class);
        assertThat(events).containsExactly("retrying 1", "failed 451");
        assertThat(smtp.sentToday()).as("a refused message gives its quota back").isZero();
    }

    @Test
    void dailyQuotaFailsFastAndSaysWhenItResets() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()));
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);
        SmtpTransport smtp = SmtpTransport.builder(config(server).maxPerDay(3).build()).clock(clock).build();
        opened.add(smtp);
        for (int i = 0; i < 3; i++) {
            smtp.send(message("r" + i + "@example.org"));
        }
        assertThatThrownBy(() -> smtp.send(message("r3@example.org")))
                .isInstanceOfSatisfying(QuotaExceededException.class, e -> assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z")));
        assertThat(server.messages()).hasSize(3);
        assertThat(smtp.sentToday()).isEqualTo(3);
    }

    @Test
    void invalidMessageIsRefusedBeforeConnecting() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()));
        SmtpTransport smtp = transport(config(server));
        assertThatThrownBy(() -> smtp.send(EmailMessage.builder().subject("no from, no to").build())).isInstanceOf(ValidationException.class);
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void providerIsFoundByIdAndConfiguredFromStrings() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().auth("u", "p").authWithoutTls());
        try (Transport t = Mailgate.transport("smtp", Map.of("host", "127.0.0.1", "port", String.valueOf(server.port()),
                "tls", "none", "username", "u", "password", "p", "allow-plaintext-auth", "true", "from", "Default <d@example.com>"))) {
            t.send(EmailMessage.builder().to("x@example.org").subject("s").text("t").build());
        }
        ReceivedMessage got = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
        assertThat(got.mailFrom()).isEqualTo("d@example.com");
        assertThat(got.authenticatedAs()).isEqualTo("u");
        assertThatThrownBy(() -> Mailgate.transport("smtp", Map.of("host", "h", "tls", "none", "username", "u", "password", "p")))
                .hasMessageContaining("plaintext");
        assertThatThrownBy(() -> Mailgate.transport("smtp", Map.of("host", "h", "port", "99999"))).hasMessageContaining("port");
    }

    private static int indexOf(List<String> commands, String prefix) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no command starting with " + prefix + " in " + commands);
    }
}
