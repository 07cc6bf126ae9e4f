package dev.mailgate.cli.imap;

import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.mailbox.BounceMailboxPoller;
import dev.mailgate.bounce.mailbox.ImapBounceConfig;
import dev.mailgate.bounce.mailbox.ImapBounceException;
import dev.mailgate.bounce.mailbox.ImapSecurity;
import dev.mailgate.bounce.mailbox.ProcessedMessages;
import dev.mailgate.cli.ExitCodes;
import dev.mailgate.cli.PlaintextAuthOption;
import dev.mailgate.cli.SecretOptions;
import dev.mailgate.core.MailException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailgate imap folders}: the CRM seed's "folder to monitor" list, from the server. */
@Command(name = "folders", mixinStandardHelpOptions = true,
        description = "List the folders of an IMAP mailbox, one per line (or a JSON array), to choose the one to monitor.",
        footer = {"", "Examples:",
            "  MAILGATE_IMAP_PASSWORD=... mailgate imap folders --host imap.example.com \\",
            "      --user bounces@example.com --password-env MAILGATE_IMAP_PASSWORD",
            "  mailgate imap folders --host 127.0.0.1 --port 3143 --security none \\",
            "      --allow-plaintext-auth --user test --password-env P",
            "",
            "--security none sends the password in the clear: refused unless",
            "--allow-plaintext-auth is given. A failure comes with a hint.",
            "",
            "Exit codes: 0 listed; 1 the connection or login failed, or invalid input;",
            "2 usage error."})
public final class ImapFoldersCommand implements Callable<Integer> {
    @Option(names = "--host", required = true, description = "the IMAP server")
    String host;

    @Option(names = "--port", description = "the port (default 993 with --security ssl, else 143)")
    int port;

    @Option(names = "--security", defaultValue = "ssl", description = "ssl (implicit TLS, default), starttls, or none")
    String security;

    @Option(names = "--user", required = true, description = "the user name")
    String user;

    @Mixin
    SecretOptions secrets;

    @Mixin
    PlaintextAuthOption plaintextAuth;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json")
    String format;

    @Option(names = "--timeout", defaultValue = "15", description = "seconds to wait (default 15)")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            String secret = secrets.password().orElseThrow(() -> new IllegalArgumentException("--password or --password-env is required"));
            ImapSecurity mode = switch (security.toLowerCase(Locale.ROOT)) {
                case "ssl", "tls", "implicit" -> ImapSecurity.IMPLICIT_TLS;
                case "starttls" -> ImapSecurity.STARTTLS;
                case "none" -> ImapSecurity.NONE;
                default -> throw new IllegalArgumentException("--security must be ssl, starttls or none, was \"" + security + "\"");
            };
            boolean plaintext = plaintextAuth.permit(mode == ImapSecurity.NONE, user, host, "--security none",
                    "--security starttls or --security ssl");
            ImapBounceConfig.Builder b = ImapBounceConfig.builder(host).security(mode).credentials(user, secret)
                    .allowPlaintext(plaintext).timeout(Duration.ofSeconds(Math.max(1, timeoutSeconds)));
            if (port > 0) {
                b.port(port);
            }
            secrets.trust().ifPresent(b::sslContext);
            ImapBounceConfig config = b.build();
            List<String> folders;
            try (BounceMailboxPoller poller = BounceMailboxPoller.create(config, BounceParser.create(), (r, e) -> {
            }, ProcessedMessages.inMemory())) {
                folders = poller.listFolders();
            } catch (ImapBounceException e) {
                err.println("mailgate imap folders: " + ImapHints.describe(e, config.host(), config.port()));
                ImapHints.hint(e, mode, config.host(), config.port()).ifPresent(h -> err.println("  hint: " + h));
                err.flush();
                return ExitCodes.INVALID_INPUT;
            }
            if (format.equalsIgnoreCase("json")) {
                out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(folders));
            } else {
                folders.forEach(out::println);
            }
            out.flush();
            return ExitCodes.OK;
        } catch (MailException | IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
            err.println("mailgate imap folders: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
    }
}
