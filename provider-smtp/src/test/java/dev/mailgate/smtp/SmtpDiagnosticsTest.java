package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmtpDiagnosticsTest {
    private static SmtpConfig.Builder config(int port) {
        return SmtpConfig.builder("localhost").port(port).sslContext(TestCertificates.trustingClient()).heloName("mail.example.com")
                .connectTimeout(Duration.ofSeconds(2)).commandTimeout(Duration.ofSeconds(2)).maxAttempts(1);
    }

    @Test
    void everyStepPassesAndTheTestMessageGetsAQueueId() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("u", "p").build().start()) {
            EmailMessage test = EmailMessage.builder().from("me@example.com").to("me@example.com").subject("Mailgate test").text("It works.").build();
            SmtpDiagnostics.Report report = SmtpDiagnostics.run(config(server.port()).credentials("u", "p").build(), Optional.of(test));
            assertThat(report.success()).as(report.format()).isTrue();
            assertThat(report.steps()).extracting(SmtpDiagnostics.Step::name)
                    .containsExactly("dns", "connect", "greeting", "ehlo", "tls", "ehlo", "auth", "send");
            assertThat(report.steps().get(4).detail()).startsWith("TLSv1.").contains("CN=localhost").contains("expires");
            // the mechanisms are what a failed login makes one ask for (issue 24: the line said only "AUTH")
            assertThat(report.steps().get(5).detail()).startsWith("after TLS, extensions: ").containsPattern("AUTH [A-Z]");
            assertThat(report.receipt().flatMap(r -> r.providerMessageId())).contains("Q1");
            assertThat(report.format()).contains("queue id Q1").endsWith("ms" + System.lineSeparator());
        }
    }

    @Test
    void missingStartTlsFailsTheTlsStepWithAHint() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            SmtpDiagnostics.Report report = SmtpDiagnostics.run(config(server.port()).build(), Optional.empty());
            assertThat(report.success()).isFalse();
            SmtpDiagnostics.Step failed = report.steps().get(report.steps().size() - 1);
            assertThat(failed.name()).isEqualTo("tls");
            assertThat(failed.hint()).hasValueSatisfying(h -> assertThat(h).contains("465").contains("IMPLICIT"));
        }
    }

    @Test
    void wrongPasswordPointsAtTheCredentials() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("u", "p").build().start()) {
            SmtpDiagnostics.Report report = SmtpDiagnostics.run(config(server.port()).credentials("u", "bad").build(), Optional.empty());
            SmtpDiagnostics.Step failed = report.steps().get(report.steps().size() - 1);
            assertThat(failed.name()).isEqualTo("auth");
            assertThat(failed.hint()).hasValueSatisfying(h -> assertThat(h).contains("535").contains("app password"));
        }
    }

    @Test
    void certificateNameMismatchSaysWhichNameIsNeeded() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.wrongNameServer()).build().start()) {
            SmtpDiagnostics.Report report = SmtpDiagnostics.run(config(server.port()).build(), Optional.empty());
            SmtpDiagnostics.Step failed = report.steps().get(report.steps().size() - 1);
            assertThat(failed.name()).isEqualTo("tls");
            assertThat(failed.hint()).hasValueSatisfying(h -> assertThat(h).contains("does not name localhost"));
        }
    }

    @Test
    void closedPortFailsTheConnectStep() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        SmtpDiagnostics.Report report = SmtpDiagnostics.run(config(port).build(), Optional.empty());
        assertThat(report.steps()).extracting(SmtpDiagnostics.Step::name).containsExactly("dns", "connect");
        assertThat(report.steps().get(1).hint()).hasValueSatisfying(h -> assertThat(h).contains("check the port"));
    }

    @Test
    void localhostAsTheEhloNameIsAWarningThatDoesNotFailTheReport() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            SmtpDiagnostics.Report report = SmtpDiagnostics.run(config(server.port()).tlsMode(TlsMode.NONE).heloName("localhost").build(),
                    Optional.empty());
            assertThat(report.success()).as(report.format()).isTrue();
            SmtpDiagnostics.Step warning = report.steps().stream().filter(s -> s.name().equals("helo")).findFirst().orElseThrow();
            assertThat(warning.status()).isEqualTo(SmtpDiagnostics.Status.WARNING);
            assertThat(warning.hint()).hasValueSatisfying(h -> assertThat(h).contains("heloName(\"mail.example.com\")"));
        }
    }

    @Test
    void aProtocolMismatchGetsNoCertificateAdviceAndHintsNameTheApi() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            SmtpDiagnostics.Report report = SmtpDiagnostics.run(config(server.port()).tlsMode(TlsMode.IMPLICIT).build(), Optional.empty());
            SmtpDiagnostics.Step failed = report.steps().get(report.steps().size() - 1);
            assertThat(failed.name()).isEqualTo("tls");
            assertThat(failed.detail()).doesNotContainIgnoringCase("certificate");
            assertThat(failed.hint()).hasValueSatisfying(h -> assertThat(h).contains("tlsMode(TlsMode.STARTTLS_REQUIRED)")
                    .doesNotContainIgnoringCase("certificate"));
        }
    }

    @Test
    void namesGivenByTheCallerAreUsedInEveryHint() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            SmtpDiagnostics.Report report = SmtpDiagnostics.run(config(server.port()).build(), Optional.empty(),
                    (setting, value) -> "<" + setting + (value == null ? "" : "=" + value) + ">");
            assertThat(report.steps().get(report.steps().size() - 1).hint())
                    .hasValueSatisfying(h -> assertThat(h).contains("<PORT=465>").contains("<TLS_MODE=IMPLICIT>").contains("<TLS_MODE=NONE>"));
        }
    }
}
