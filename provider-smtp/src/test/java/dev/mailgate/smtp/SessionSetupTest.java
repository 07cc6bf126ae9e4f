package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.MailException;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.transport.AuthenticationException;
import dev.mailgate.core.transport.ConnectionException;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Session setup against lying or mismatched servers: EHLO contents, SNI, TLS on the wrong port, the EHLO name. */
class SessionSetupTest {
    @RegisterExtension
    final Opened opened = new Opened();

    private SmtpTransport transport(SmtpConfig.Builder config) {
        SmtpTransport t = SmtpTransport.create(config.build());
        opened.add(t);
        return t;
    }

    private static SmtpConfig.Builder config(String host, TestSmtpServer server) {
        return SmtpConfig.builder(host).port(server.port()).sslContext(TestCertificates.trustingClient())
                .commandTimeout(Duration.ofSeconds(10)).maxAttempts(1);
    }

    private static EmailMessage message() {
        return EmailMessage.builder().from("news@example.com").to("ana@example.org").subject("hi").text("Hello").build();
    }

    private static void awaitNoOpenConnections(TestSmtpServer server) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.openConnections() > 0 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertThat(server.openConnections()).as("the client closed its socket").isZero();
    }

    @Test
    void aReplyLongerThanTheConfiguredLimitsIsATypedErrorNamingTheLimit() throws Exception {
        String[] tenLines = new String[10];
        for (int i = 0; i < 9; i++) {
            tenLines[i] = "250-line" + i;
        }
        tenLines[9] = "250 PIPELINING";
        TestSmtpServer server = opened.start(TestSmtpServer.builder().on("EHLO", ServerAction.reply(tenLines)));
        SmtpTransport tight = transport(config("localhost", server).tlsMode(TlsMode.NONE)
                .limits(InputLimits.builder().maxReplyLines(5).build()));
        assertThatThrownBy(() -> tight.send(message())).isInstanceOf(MailException.class)
                .hasStackTraceContaining("reply line count (6) exceeds the maximum (5, InputLimits.maxReplyLines)");
        SmtpTransport defaults = transport(config("localhost", server).tlsMode(TlsMode.NONE));
        defaults.send(message());
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void aDuplicatedAuthMechanismInEhloIsNoError() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().auth("user", "secret").authWithoutTls()
                .extensions("PIPELINING", "AUTH PLAIN LOGIN PLAIN", "8BITMIME"));
        SmtpTransport smtp = transport(config("localhost", server).tlsMode(TlsMode.NONE).allowPlaintextAuth(true)
                .credentials("user", "secret"));
        smtp.send(message());
        assertThat(server.messages()).hasSize(1);
    }

    @Test
    void aFailingTokenSupplierIsATypedErrorAndTheSocketIsClosed() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("user", "secret"));
        SmtpTransport smtp = transport(config("localhost", server).oauth2("user", () -> {
            throw new IllegalStateException("token endpoint unreachable");
        }));
        assertThatThrownBy(() -> smtp.send(message())).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("token supplier").hasMessageContaining("token endpoint unreachable");
        awaitNoOpenConnections(server);
    }

    @Test
    void sniIsSentForAHostName() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()));
        transport(config("localhost", server)).send(message());
        assertThat(server.serverNames()).containsExactly("localhost");
    }

    @Test
    void noSniForAnIpLiteral() throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()));
        transport(config("127.0.0.1", server).verifyHostname(false)).send(message());
        assertThat(server.serverNames()).containsExactly("");
    }

    /**
     * A host name that starts with a digit is a host name (RFC 1123 section 2.1), and gets SNI: with dots (which
     * the JDK would also name on its own) and without (an intranet relay, which only our rule names). It must
     * resolve to the loopback address, which only a hosts file can promise: so the sends run in a child JVM whose
     * resolver reads one ({@code jdk.net.hosts.file}), against this JVM's test server.
     */
    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void sniIsSentForAHostNameThatStartsWithADigit(@TempDir Path dir) throws Exception {
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()));
        Path hosts = Files.writeString(dir.resolve("hosts"), "127.0.0.1 1mail.example.test 1relay localhost\n");
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(java, "-Djdk.net.hosts.file=" + hosts, "-cp", System.getProperty("java.class.path"),
                SniProbe.class.getName(), Integer.toString(server.port()), "1mail.example.test", "1relay")
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(server.serverNames()).containsExactly("1mail.example.test", "1relay");
    }

    /** The child JVM of {@link #sniIsSentForAHostNameThatStartsWithADigit}: sends one message to each host at port. */
    public static final class SniProbe {
        public static void main(String[] args) {
            for (int i = 1; i < args.length; i++) {
                SmtpConfig config = SmtpConfig.builder(args[i]).port(Integer.parseInt(args[0]))
                        .sslContext(TestCertificates.trustingClient()).verifyHostname(false) // the certificate names localhost
                        .commandTimeout(Duration.ofSeconds(10)).maxAttempts(1).build();
                try (SmtpTransport smtp = SmtpTransport.create(config)) {
                    smtp.send(message());
                }
            }
        }
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aTlsRecordOnAPlaintextSessionFailsAtOnce() throws Exception {
        // What a plaintext client hears from a TLS port that talks first: a TLS alert record, no line break ever.
        byte[] alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x32};
        TestSmtpServer server = opened.start(TestSmtpServer.builder()
                .on(TestSmtpServer.CONNECT, ServerAction.drip(alert, new byte[200], Duration.ofMillis(500))));
        SmtpTransport smtp = transport(config("localhost", server).commandTimeout(Duration.ofSeconds(30)).maxAttempts(3)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(20)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> smtp.send(message())).isInstanceOf(ConnectionException.class)
                .hasMessageContaining("TLS record").hasMessageContaining("TlsMode.IMPLICIT");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("long before the 30 s command timeout").isLessThan(Duration.ofSeconds(15));
        assertThat(server.connectionCount()).as("a TLS mismatch is not retried").isEqualTo(1);
    }

    @Test
    void port465MeansImplicitTlsUnlessToldOtherwise() {
        assertThat(SmtpConfig.builder("smtp.example.com").port(465).build().tlsMode()).isEqualTo(TlsMode.IMPLICIT);
        assertThat(SmtpProvider.config(Map.of("host", "smtp.example.com", "port", "465")).tlsMode()).isEqualTo(TlsMode.IMPLICIT);
        assertThat(SmtpConfig.builder("smtp.example.com").port(465).tlsMode(TlsMode.STARTTLS_REQUIRED).build().tlsMode())
                .isEqualTo(TlsMode.STARTTLS_REQUIRED);
        assertThat(SmtpProvider.config(Map.of("host", "smtp.example.com", "port", "465", "tls", "starttls")).tlsMode())
                .isEqualTo(TlsMode.STARTTLS_REQUIRED);
        assertThat(SmtpConfig.builder("smtp.example.com").port(587).build().tlsMode()).isEqualTo(TlsMode.STARTTLS_REQUIRED);
        assertThat(SmtpConfig.builder("smtp.example.com").build().port()).isEqualTo(587);
    }

    @Test
    void implicitTlsIsInferredEndToEndForPort465() throws Exception {
        // The inference is on the port number; a test server cannot bind 465, so the config is checked, then an
        // implicit-TLS session is run with the inferred mode.
        TlsMode inferred = SmtpConfig.builder("localhost").port(465).build().tlsMode();
        TestSmtpServer server = opened.start(TestSmtpServer.builder().implicitTls(TestCertificates.localhostServer()));
        transport(config("localhost", server).tlsMode(inferred)).send(message());
        assertThat(server.messages()).singleElement().satisfies(m -> assertThat(m.tls()).isTrue());
    }

    @Test
    void theDefaultEhloNameIsTheMachinesFqdnWhenItHasOne() throws Exception {
        assertThat(HeloName.choose("mail.example.com")).isEqualTo("mail.example.com");
        assertThat(HeloName.choose("MX1.Example.COM.")).isEqualTo("mx1.example.com");
        assertThat(HeloName.choose("vm")).as("a bare host name is no FQDN").isEqualTo("localhost");
        assertThat(HeloName.choose("localhost.localdomain")).isEqualTo("localhost");
        assertThat(HeloName.choose("192.0.2.7")).isEqualTo("localhost");
        assertThat(HeloName.choose("fe80:0:0:0:1%eth0")).isEqualTo("localhost");
        TestSmtpServer server = opened.start(TestSmtpServer.builder().startTls(TestCertificates.localhostServer()));
        transport(config("localhost", server)).send(message());
        String expected = HeloName.choose(java.net.InetAddress.getLocalHost().getCanonicalHostName());
        assertThat(server.commands()).filteredOn(c -> c.startsWith("EHLO")).allMatch(c -> c.equals("EHLO " + expected));
        assertThat(SmtpConfig.builder("h").heloName("out.example.com").build().heloName).isEqualTo("out.example.com");
    }
}
