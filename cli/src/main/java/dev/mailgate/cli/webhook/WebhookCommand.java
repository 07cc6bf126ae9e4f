package dev.mailgate.cli.webhook;

import picocli.CommandLine.Command;

/** {@code mailgate webhook}: provider webhook and callback payloads. */
@Command(name = "webhook", mixinStandardHelpOptions = true, description = "Work with provider webhook and callback payloads.",
        subcommands = {WebhookDecodeCommand.class, WebhookVerifyCommand.class, WebhookServeCommand.class})
public final class WebhookCommand {
}
