package dev.mailgate.cli.dns;

import picocli.CommandLine.Command;

/** {@code mailgate dns}: groups the DNS subcommands. */
@Command(name = "dns", mixinStandardHelpOptions = true, description = "DNS checks of a sending domain.",
        subcommands = {DnsCheckCommand.class})
public final class DnsCommand {
}
