package dev.mailgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every subcommand's --help shows how to use it: an example, and the exit codes at the root. */
class HelpTest {
    @ParameterizedTest
    @ValueSource(strings = {"render", "validate", "smtp test", "dns check", "bounce parse", "imap folders", "webhook decode",
        "suppression add", "suppression remove", "suppression list", "suppression import", "suppression export",
        "send", "completion", "webhook serve"})
    void helpHasAnExample(String command) {
        CliRun cli = new CliRun();
        String[] args = (command + " --help").split(" ");
        assertThat(cli.run(args)).isZero();
        assertThat(cli.out()).as(command).containsIgnoringCase("example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"send", "completion", "webhook serve", "smtp test", "imap folders", "dns check"})
    void helpStatesTheExitCodes(String command) {
        CliRun cli = new CliRun();
        assertThat(cli.run((command + " --help").split(" "))).isZero();
        assertThat(cli.out()).as(command).contains("Exit codes: 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help"})
    void rootHelpListsEveryCommandAndTheExitCodes(String flag) {
        CliRun cli = new CliRun();
        assertThat(cli.run(flag)).isZero();
        assertThat(cli.out()).contains("render", "validate", "send", "smtp", "dns", "bounce", "imap", "webhook", "suppression", "completion")
                .contains("Exit codes").contains("--format json");
    }
}
