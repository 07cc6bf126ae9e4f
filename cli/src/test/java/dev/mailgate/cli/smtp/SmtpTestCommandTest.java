package dev.mailgate.cli.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.cli.CliRun;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.time.Duration;
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
}
