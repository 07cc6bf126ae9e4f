package dev.mailgate.cli.send;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.cli.CliRun;
import dev.mailgate.cli.ExitCodes;
import dev.mailgate.testing.smtp.ReceivedMessage;
import dev.mailgate.testing.smtp.ServerAction;
import dev.mailgate.testing.smtp.TestSmtpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SendCommandTest {
    private final CliRun cli = new CliRun();

    @TempDir
    Path dir;

    private int run(TestSmtpServer server, String... args) {
        List<String> all = new ArrayList<>(List.of("send", "--set", "host=127.0.0.1", "--set", "port=" + server.port(), "--set", "tls=none",
                "--set", "helo-name=mail.example.com"));
        all.addAll(List.of(args));
        return cli.run(all.toArray(String[]::new));
    }

    private static String fixture(String name) throws Exception {
        return Path.of(SendCommandTest.class.getResource("/render/" + name).toURI()).toString();
    }

    @Test
    void sendsAMessageFromFlagsThroughTheSmtpProvider() throws Exception {
        Path attachment = Files.writeString(dir.resolve("report.txt"), "numbers\n");
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            int code = run(server, "--from", "News <news@example.com>", "--to", "ana@example.org", "--subject", "Grüße",
                    "--text", "Hello Ana", "--attach", attachment.toString(), "--header", "X-Campaign: nov");
            assertThat(code).as(cli.out() + cli.err()).isEqualTo(ExitCodes.OK);
            assertThat(cli.out()).contains("sent via smtp").contains("queue id Q1").contains("accepted   ana@example.org  250");
            ReceivedMessage received = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(received.recipients()).containsExactly("ana@example.org");
            assertThat(received.contentAsString()).contains("X-Campaign: nov").contains("report.txt").contains("Subject: =?UTF-8?");
        }
    }

    @Test
    void sendsTheRenderJsonWithTheRecipientsOfTheFlags() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            int code = run(server, "--message", fixture("newsletter.json"), "--to", "me@example.com", "--format", "json");
            assertThat(code).as(cli.out() + cli.err()).isEqualTo(ExitCodes.OK);
            JsonNode result = new ObjectMapper().readTree(cli.out());
            assertThat(result.get("sent").asBoolean()).isTrue();
            assertThat(result.get("messageId").asText()).isEqualTo("nov-2026.1@example.com");
            assertThat(result.get("recipients").get(0).get("status").asText()).isEqualTo("accepted");
            ReceivedMessage received = server.awaitMessages(1, Duration.ofSeconds(5)).get(0);
            assertThat(received.recipients()).containsExactly("me@example.com");
            assertThat(received.contentAsString()).contains("X-Campaign: nov-2026").contains("List-Unsubscribe-Post");
        }
    }

    @Test
    void aRefusedRecipientIsReportedWithItsReply() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().on("RCPT TO:<gone@", ServerAction.reply("550 5.1.1 <gone@example.org>: no such user"))
                .build().start()) {
            int code = run(server, "--from", "news@example.com", "--to", "ana@example.org,gone@example.org", "--subject", "Hi", "--text", "x");
            assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(cli.out()).contains("accepted   ana@example.org").contains("refused    gone@example.org  550 5.1.1");
        }
    }

    @Test
    void dryRunReportsEveryViolationAndDoesNotConnect() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            // neither From nor a recipient: both are reported at once
            int code = run(server, "--dry-run", "--subject", "Hi", "--text", "Hello");
            assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(cli.out()).contains("core.from-present").contains("recipient").contains("2 violation(s); nothing sent");
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void dryRunOfAValidMessagePrintsItsRenderedSize() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().build().start()) {
            int code = run(server, "--dry-run", "--message", fixture("newsletter.json"), "--format", "json");
            assertThat(code).as(cli.out() + cli.err()).isEqualTo(ExitCodes.OK);
            JsonNode result = new ObjectMapper().readTree(cli.out());
            assertThat(result.get("valid").asBoolean()).isTrue();
            assertThat(result.get("size").asInt()).isGreaterThan(1000);
            assertThat(server.connectionCount()).isZero();
        }
    }

    @Test
    void dryRunAppliesTheProvidersRulesWithoutItsCredentials() {
        int code = cli.run("send", "--provider", "episerver", "--set", "sending-domain=news.example.com", "--dry-run",
                "--from", "shop@example.com", "--to", "ana@example.org", "--subject", "Hi", "--text", "Hello");
        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.out()).contains("episerver.from-sending-domain");
    }

    @Test
    void plaintextCredentialsAreRefusedUnlessAllowedOnPurpose() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.builder().auth("u", "p").authWithoutTls().build().start()) {
            int code = run(server, "--set", "username=u", "--set", "password=p", "--from", "a@example.com", "--to", "b@example.org",
                    "--subject", "Hi", "--text", "x");
            assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
            assertThat(cli.err()).contains("--allow-plaintext-auth");
            assertThat(server.connectionCount()).isZero();

            CliRun allowed = new CliRun();
            code = allowed.run("send", "--set", "host=127.0.0.1", "--set", "port=" + server.port(), "--set", "tls=none", "--set", "username=u",
                    "--set", "password=p", "--allow-plaintext-auth", "--from", "a@example.com", "--to", "b@example.org", "--subject", "Hi", "--text", "x");
            assertThat(code).as(allowed.out() + allowed.err()).isEqualTo(ExitCodes.OK);
            assertThat(server.awaitMessages(1, Duration.ofSeconds(5)).get(0).authenticatedAs()).isEqualTo("u");
        }
    }

    @Test
    void mistakesNameTheOptionOrSetting() throws Exception {
        assertThat(cli.run("send", "--provider", "nosuch", "--to", "a@example.org")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("no provider \"nosuch\"").contains("smtp");
        assertThat(cli.run("send", "--set", "hots=x", "--to", "a@example.org")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("hots").contains("unknown key");
        assertThat(cli.run("send", "--set", "host=127.0.0.1")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("no message");
        assertThat(cli.run("send", "--set", "host=127.0.0.1", "--from", "a@example.com", "--to", "not an address", "--text", "x"))
                .isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.err()).contains("--to");
        Path broken = Files.writeString(dir.resolve("m.json"), "{\"from\": \"a@example.com\", \"subjet\": \"typo\"}");
        assertThat(cli.run("send", "--set", "host=127.0.0.1", "--message", broken.toString())).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.err()).contains("subjet");
    }
}
