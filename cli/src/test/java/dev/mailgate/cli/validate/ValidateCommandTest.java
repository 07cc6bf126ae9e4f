package dev.mailgate.cli.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.cli.ExitCodes;
import dev.mailgate.cli.CliRun;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValidateCommandTest {
    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(ValidateCommandTest.class.getResource("/validate/" + name).toURI()).toString();
    }

    @Test
    void aCompliantMessagePasses() throws Exception {
        int code = run("validate", "--provider", "episerver", "--sending-domain", "news.example.com", "--mailing-codes",
                "mailing-42", fixture("valid.eml"));
        assertThat(code).as(cli.out() + " " + cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void everyViolationOfEveryFileIsPrinted() throws Exception {
        String broken = fixture("many-broken.eml");
        int code = run("validate", "--provider", "episerver", "--sending-domain", "news.example.com", fixture("valid.eml"), broken);

        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.out().lines()).allMatch(l -> l.startsWith(broken + ": episerver."))
                .extracting(l -> l.substring(broken.length() + 2, l.indexOf(':', broken.length() + 2)))
                .containsExactly("episerver.message-id", "episerver.from-sending-domain", "episerver.no-cc-bcc", "episerver.subject",
                        "episerver.no-return-path");
    }

    @Test
    void jsonGivesOneObjectPerFile() throws Exception {
        String broken = fixture("many-broken.eml");
        int code = run("validate", "--provider", "episerver", "--sending-domain", "news.example.com", "--format", "json", fixture("valid.eml"), broken);
        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        List<com.fasterxml.jackson.databind.JsonNode> lines = new java.util.ArrayList<>();
        for (String line : cli.out().lines().toList()) {
            lines.add(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line));
        }
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).get("ok").asBoolean()).isTrue();
        assertThat(lines.get(1).get("ok").asBoolean()).isFalse();
        assertThat(lines.get(1).get("file").asText()).isEqualTo(broken);
        assertThat(lines.get(1).get("violations")).hasSize(5);
        assertThat(lines.get(1).get("violations").get(0).get("rule").asText()).isEqualTo("episerver.message-id");
    }

    @Test
    void theEnvelopeSenderCanBeGiven() throws Exception {
        int code = run("validate", "--provider", "episerver", "--sending-domain", "news.example.com", "--envelope-from",
                "bounces@example.net", fixture("valid.eml"));
        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.out()).contains(": episerver.envelope-from: ").contains(": episerver.organizational-alignment: ");
    }

    @Test
    void missingProviderSettingsAndUnknownProvidersAreUsageErrors() throws Exception {
        assertThat(run("validate", "--provider", "episerver", fixture("valid.eml"))).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("sending-domain");
        assertThat(run("validate", "--provider", "nope", fixture("valid.eml"))).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("available").contains("episerver");
    }

    @Test
    void otherProvidersUseTheSameCommand() throws Exception {
        assertThat(run("validate", "--provider", "smtp", fixture("valid.eml"))).isEqualTo(ExitCodes.OK);
    }
}
