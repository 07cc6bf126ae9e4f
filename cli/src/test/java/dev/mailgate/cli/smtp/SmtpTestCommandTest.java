package dev.mailgate.cli.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.cli.MailgateCommand;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SmtpTestCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = MailgateCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void sendsATestMessageAndPrintsEachStep() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            // A local relay without TLS or AUTH, so that the TLS step is reported as skipped.
            int code = run("smtp", "test", "--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--tls", "none",
                    "--to", "me@example.com", "--from", "me@example.com");
            assertThat(code).as(out + "" + err).isZero();
            assertThat(out.toString()).contains("PASSED   connect").contains("PASSED   send").contains("queue id Q1").contains("SKIPPED  tls");
            assertThat(server.awaitMessages(1, Duration.ofSeconds(5)).get(0).contentAsString()).contains("Subject: Mailgate test message");
        }
    }

    @Test
    void failureGivesANonZeroExitAndAHint() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            int code = run("smtp", "test", "--host", "127.0.0.1", "--port", String.valueOf(server.port()), "--timeout", "2");
            assertThat(code).isEqualTo(1);
            assertThat(out.toString()).contains("FAILED   tls").contains("hint:").contains("465");
        }
    }

    @Test
    void badArgumentsAreReported() {
        assertThat(run("smtp", "test", "--host", "h", "--tls", "sometimes")).isEqualTo(1);
        assertThat(err.toString()).contains("TLS mode must be starttls, implicit or none").contains("sometimes");
        assertThat(run("smtp", "test")).isEqualTo(2);
    }
}
