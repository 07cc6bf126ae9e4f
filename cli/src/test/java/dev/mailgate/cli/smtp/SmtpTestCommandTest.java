package dev.mailgate.cli.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.cli.CliRun;
import dev.mailgate.testing.smtp.TestCertificates;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SmtpTestCommandTest {
    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    @Test
    void sendsATestMessageAndPrintsEachStep() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            // A local relay without TLS or AUTH, so that the TLS step is reported as skipped.
            int code = run("smtp", "test", "--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--tls", "none",
                    "--to", "me@example.com", "--from", "me@example.com");
            assertThat(code).as(cli.out() + cli.err()).isZero();
            assertThat(cli.out()).contains("PASSED   connect").contains("PASSED   send").contains("queue id Q1").contains("SKIPPED  tls");
            assertThat(server.awaitMessages(1, Duration.ofSeconds(5)).get(0).contentAsString()).contains("Subject: Mailgate test message");
        }
    }

    @Test
    void jsonReportsEachStep() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            int code = run("smtp", "test", "--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--tls", "none",
                    "--to", "me@example.com", "--from", "me@example.com", "--format", "json");
            assertThat(code).as(cli.out() + cli.err()).isZero();
            com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli.out());
            assertThat(root.get("success").asBoolean()).isTrue();
            assertThat(root.get("queueId").asText()).isEqualTo("Q1");
            java.util.List<String> names = new java.util.ArrayList<>();
            root.get("steps").forEach(s -> names.add(s.get("name").asText() + "=" + s.get("status").asText()));
            assertThat(names).contains("connect=PASSED", "tls=SKIPPED", "send=PASSED");
        }
    }

    @Test
    void failureGivesANonZeroExitAndAHint() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            int code = run("smtp", "test", "--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--timeout", "2");
            assertThat(code).isEqualTo(1);
            assertThat(cli.out()).contains("FAILED   tls").contains("hint:").contains("465");
        }
    }

    @Test
    void badArgumentsAreReported() {
        assertThat(run("smtp", "test", "--host", "h", "--tls", "sometimes")).isEqualTo(1);
        assertThat(cli.err()).contains("TLS mode must be starttls, implicit or none").contains("sometimes");
        assertThat(run("smtp", "test")).isEqualTo(2);
    }

    /** The hint lines of a text report: what the tool tells the user to change. */
    private String hints() {
        return cli.out().lines().filter(l -> l.strip().startsWith("hint:")).collect(Collectors.joining("\n"));
    }

    @Test
    void plaintextCredentialsAreRefusedUnlessAllowedOnPurpose() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().auth("u", "p").authWithoutTls().build().start()) {
            String port = String.valueOf(server.port());
            assertThat(run("smtp", "test", "--host", "127.0.0.1", "--port", port, "--tls", "none", "--user", "u", "--password", "p"))
                    .isEqualTo(1);
            assertThat(cli.err()).contains("--allow-plaintext-auth").contains("--tls starttls").doesNotContain("allowPlaintextAuth");
            assertThat(server.connectionCount()).as("refused before connecting").isZero();

            CliRun allowed = new CliRun();
            int code = allowed.run("smtp", "test", "--host", "127.0.0.1", "--port", port, "--tls", "none", "--user", "u", "--password", "p",
                    "--allow-plaintext-auth");
            assertThat(code).as(allowed.out() + allowed.err()).isZero();
            assertThat(allowed.out()).contains("PASSED   auth");
        }
    }

    @Test
    void hintsNameTheCommandLineOptionsNotTheApi() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            assertThat(run("smtp", "test", "--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--timeout", "2")).isEqualTo(1);
            assertThat(cli.out()).doesNotContain("TlsMode");
            assertThat(hints()).contains("--tls implicit").contains("--port 465").contains("--tls none")
                    .doesNotContain("IMPLICIT").doesNotContain("TlsMode").doesNotContain("NONE");
        }
    }

    @Test
    void aUserNameThatIsNoAddressNeedsFromAndSaysSo() {
        assertThat(run("smtp", "test", "--host", "127.0.0.1", "--user", "account7", "--password", "p", "--to", "me@example.com"))
                .isEqualTo(1);
        assertThat(cli.err()).contains("--from").contains("--user").contains("account7");
        assertThat(run("smtp", "test", "--host", "127.0.0.1", "--from", "not an address", "--to", "me@example.com")).isEqualTo(1);
        assertThat(cli.err()).contains("--from");
        assertThat(run("smtp", "test", "--host", "127.0.0.1", "--from", "me@example.com", "--to", "nobody")).isEqualTo(1);
        assertThat(cli.err()).contains("--to");
    }

    @Test
    void a530SuggestsStartTls() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).auth("u", "p").build().start()) {
            int code = run("smtp", "test", "--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--tls", "none",
                    "--to", "me@example.com", "--from", "me@example.com");
            assertThat(code).isEqualTo(1);
            assertThat(cli.out()).contains("FAILED   send").contains("530");
            assertThat(hints()).contains("--tls starttls").contains("--user");
        }
    }

    @Test
    void aProtocolMismatchIsNotBlamedOnTheCertificate() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            int code = run("smtp", "test", "--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--tls", "implicit", "--timeout", "2");
            assertThat(code).isEqualTo(1);
            assertThat(cli.out()).contains("FAILED   tls").doesNotContainIgnoringCase("certificate");
            assertThat(hints()).contains("--tls starttls");
        }
    }

    @Test
    void anUntrustedCertificatePointsAtTheTrustStoreOption() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().startTls(TestCertificates.localhostServer()).build().start()) {
            int code = run("smtp", "test", "--host", "localhost", "--port", String.valueOf(server.port()), "--timeout", "2");
            assertThat(code).isEqualTo(1);
            assertThat(cli.out()).contains("FAILED   tls");
            assertThat(hints()).contains("not trusted").contains("--trust-store");
        }
    }

    @Test
    void localhostAsTheEhloNameIsAWarning() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            String port = String.valueOf(server.port());
            assertThat(run("smtp", "test", "--host", "127.0.0.1", "--port", port, "--tls", "none", "--helo-name", "localhost")).isZero();
            assertThat(cli.out()).contains("WARNING  helo").contains("localhost");
            assertThat(hints()).contains("--helo-name");
            assertThat(server.commands()).contains("EHLO localhost");

            CliRun named = new CliRun();
            assertThat(named.run("smtp", "test", "--host", "127.0.0.1", "--port", port, "--tls", "none", "--helo-name", "mail.example.com"))
                    .isZero();
            assertThat(named.out()).doesNotContain("WARNING");
            assertThat(server.commands()).contains("EHLO mail.example.com");
        }
    }
}
