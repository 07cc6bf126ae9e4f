package dev.mailgate.cli.smtp;

import picocli.CommandLine.Command;

/** {@code mailgate smtp}: groups the SMTP subcommands. */
@Command(name = "smtp", mixinStandardHelpOptions = true, description = "SMTP server checks.",
        subcommands = {SmtpTestCommand.class})
public final class SmtpCommand {
}
