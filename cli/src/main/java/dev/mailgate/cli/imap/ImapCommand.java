package dev.mailgate.cli.imap;

import picocli.CommandLine.Command;

/** {@code mailgate imap}: bounce-mailbox tools. */
@Command(name = "imap", mixinStandardHelpOptions = true, description = "Work with the IMAP bounce mailbox.",
        subcommands = {ImapFoldersCommand.class})
public final class ImapCommand {
}
