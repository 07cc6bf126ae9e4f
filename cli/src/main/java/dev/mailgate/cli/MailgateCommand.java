package dev.mailgate.cli;

import dev.mailgate.cli.bounce.BounceCommand;
import dev.mailgate.cli.completion.CompletionCommand;
import dev.mailgate.cli.dns.DnsCommand;
import dev.mailgate.cli.imap.ImapCommand;
import dev.mailgate.cli.render.RenderCommand;
import dev.mailgate.cli.send.SendCommand;
import dev.mailgate.cli.smtp.SmtpCommand;
import dev.mailgate.cli.suppression.SuppressionCommand;
import dev.mailgate.cli.validate.ValidateCommand;
import dev.mailgate.cli.webhook.WebhookCommand;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mailgate}: the root command; each job is a subcommand. */
@Command(name = "mailgate", mixinStandardHelpOptions = true, versionProvider = MailgateCommand.Version.class,
        description = {"Validate, render and send e-mail; decode provider callbacks and bounces; check a domain's DNS.",
            "Shell completion: source <(mailgate completion)."},
        footer = {"", "Exit codes (every subcommand): 0 success; 1 invalid input or a failed check (the message says what",
            "and where); 2 usage error (unknown option, missing argument); 3 'dns check' found a failing check.",
            "Most subcommands take --format json for machine-readable output; see 'mailgate help <command>'."},
        subcommands = {RenderCommand.class, ValidateCommand.class, SendCommand.class, SmtpCommand.class, BounceCommand.class, ImapCommand.class, WebhookCommand.class, SuppressionCommand.class, DnsCommand.class,
            CompletionCommand.class, CommandLine.HelpCommand.class})
public final class MailgateCommand {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it with their own writers. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MailgateCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("mailgate: " + e.getMessage());
            return ExitCodes.INVALID_INPUT;
        });
        return cli;
    }

    /** Reads the version Maven wrote into {@code version.properties}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = MailgateCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"mailgate " + p.getProperty("version", "unknown"), "Java " + Runtime.version()};
        }
    }
}
