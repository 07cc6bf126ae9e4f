package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.MailException;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * STARTTLS stripping and injection (RFC 3207 section 4; CVE-2011-0411): whatever a man in the middle does to the
 * upgrade, the client refuses with a typed error, sends no AUTH and no mail, never puts the password on the wire
 * and says nothing beyond EHLO and STARTTLS before TLS is up, on any attempt.
 */
class StartTlsStrippingTest {
    private static final String USER = "news@example.com";
    private static final String PASSWORD = "s3cret-pass";

    static Stream<Arguments> attacks() {
        Map<String, Supplier<TestSmtpServer.Builder>> attacks = Map.of(
                "STARTTLS not advertised, AUTH offered in plaintext",
                () -> TestSmtpServer.builder().auth(USER, PASSWORD).authWithoutTls(),
                "STARTTLS answered 454",
                () -> TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth(USER, PASSWORD)
                        .on("STARTTLS", ServerAction.reply("454 4.7.0 TLS not available due to temporary reason")),
                "STARTTLS answered 502",
                () -> TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth(USER, PASSWORD)
                        .on("STARTTLS", ServerAction.reply("502 5.5.1 command not implemented")),
                "plaintext 250 injected after the 220",
                () -> TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth(USER, PASSWORD)
                        .on("STARTTLS", ServerAction.raw("220 2.0.0 Ready to start TLS\r\n250 injected\r\n")),
                "plaintext AUTH challenge injected after the 220",
                () -> TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth(USER, PASSWORD)
                        .on("STARTTLS", ServerAction.raw("220 2.0.0 Ready\r\n334 VXNlcm5hbWU6\r\n")),
                "connection dropped at STARTTLS",
                () -> TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth(USER, PASSWORD)
                        .on("STARTTLS", ServerAction.disconnect()),
                "certificate for another host",
                () -> TestSmtpServer.builder().startTls(TestCertificates.wrongNameServer()).auth(USER, PASSWORD));
        return attacks.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void refusesAndNeverSendsCredentials(String attack, Supplier<TestSmtpServer.Builder> server) throws Exception {
        try (TestSmtpServer s = server.get().build().start();
             SmtpTransport smtp = SmtpTransport.create(SmtpConfig.builder("localhost").port(s.port())
                     .sslContext(TestCertificates.trustingClient()).credentials(USER, PASSWORD)
                     .commandTimeout(Duration.ofSeconds(3)).backoff(Duration.ofMillis(10), Duration.ofMillis(20)).build())) {
            EmailMessage message = EmailMessage.builder().from(USER).to("b@example.org").subject("s").text("t").build();
            assertThatThrownBy(() -> smtp.send(message)).isInstanceOf(MailException.class)
                    .satisfies(e -> assertThat(e.getMessage()).as("the error says why").isNotBlank());
            assertThat(s.commands()).noneMatch(c -> c.toUpperCase().startsWith("AUTH")).noneMatch(c -> c.startsWith("MAIL"));
            String plain = Base64.getEncoder().encodeToString(("\0" + USER + "\0" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            String login = Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8));
            assertThat(String.join("\n", s.commands())).doesNotContain(PASSWORD, plain, login);
            // A dropped connection may be retried, but every attempt again insists on TLS: nothing beyond the
            // greeting and the upgrade is ever said in plaintext.
            assertThat(s.commands()).allMatch(c -> c.startsWith("EHLO") || c.equals("STARTTLS") || c.equals("QUIT"));
        }
    }
}
