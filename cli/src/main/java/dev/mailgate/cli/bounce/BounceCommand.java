package dev.mailgate.cli.bounce;

import picocli.CommandLine.Command;

/** {@code mailgate bounce}: bounce-mail tools. */
@Command(name = "bounce", mixinStandardHelpOptions = true, description = "Read bounce mails, complaints and auto-replies.",
        subcommands = {BounceParseCommand.class})
public final class BounceCommand {
}
