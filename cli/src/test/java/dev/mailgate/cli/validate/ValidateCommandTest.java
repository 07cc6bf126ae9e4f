package dev.mailgate.cli.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.cli.ExitCodes;
import dev.mailgate.cli.MailgateCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ValidateCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = MailgateCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private static String fixture(String name) throws URISyntaxException {
        return Path.of(ValidateCommandTest.class.getResource("/validate/" + name).toURI()).toString();
    }

    @Test
    void aCompliantMessagePasses() throws Exception {
        int code = run("validate", "--provider", "episerver", "--sending-domain", "news.example.com", "--mailing-codes",
                "mailing-42", fixture("valid.eml"));
        assertThat(code).as(out + " " + err).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void everyViolationOfEveryFileIsPrinted() throws Exception {
        String broken = fixture("many-broken.eml");
        int code = run("validate", "--provider", "episerver", "--sending-domain", "news.example.com", fixture("valid.eml"), broken);

        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(out.toString().lines()).allMatch(l -> l.startsWith(broken + ": episerver."))
                .extracting(l -> l.substring(broken.length() + 2, l.indexOf(':', broken.length() + 2)))
                .containsExactly("episerver.message-id", "episerver.from-sending-domain", "episerver.no-cc-bcc", "episerver.subject",
                        "episerver.no-return-path");
    }

    @Test
    void theEnvelopeSenderCanBeGiven() throws Exception {
        int code = run("validate", "--provider", "episerver", "--sending-domain", "news.example.com", "--envelope-from",
                "bounces@example.net", fixture("valid.eml"));
        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(out.toString()).contains(": episerver.envelope-from: ").contains(": episerver.organizational-alignment: ");
    }

    @Test
    void missingProviderSettingsAndUnknownProvidersAreUsageErrors() throws Exception {
        assertThat(run("validate", "--provider", "episerver", fixture("valid.eml"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("sending-domain");
        assertThat(run("validate", "--provider", "nope", fixture("valid.eml"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("available").contains("episerver");
    }

    @Test
    void otherProvidersUseTheSameCommand() throws Exception {
        assertThat(run("validate", "--provider", "smtp", fixture("valid.eml"))).isEqualTo(ExitCodes.OK);
    }
}
