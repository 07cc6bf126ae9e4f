package dev.mailgate.cli.webhook;

import dev.mailgate.cli.ExitCodes;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.MailEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailgate webhook decode}: a provider's payload as normalized events, one per line. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = {"Decode a provider's webhook or callback payload into normalized events, one per line.",
            "Malformed input: exit code 1 and a message that says what is wrong and where."},
        footer = {"", "Examples:",
            "  mailgate webhook decode --provider cloudmailin events.json",
            "  mailgate webhook decode --provider smtp --format tsv callback.json     (the generic-SMTP callback JSON)",
            "  curl ... | mailgate webhook decode --provider cloudmailin -",
            "", "JSON lines carry: type, recipient, provider, providerMessageId, messageId, bounceClass, reason, status,",
            "replyCode, diagnostic, occurredAt, receivedAt, eventId, kind (for unknown events)."})
public final class WebhookDecodeCommand implements Callable<Integer> {
    @Option(names = "--provider", required = true, description = "whose format: cloudmailin, postmark, resend, sparkpost, smtp, ...")
    String provider;

    @Option(names = "--format", defaultValue = "json", description = "json (default; one object per line) or tsv")
    String format;

    @Parameters(paramLabel = "FILE", description = "the payload file, or - for standard input")
    String file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<CallbackCodec> codec = EventOutput.codec(provider);
        if (codec.isEmpty() || !EventOutput.validFormat(format)) {
            err.println("mailgate webhook decode: " + (codec.isEmpty() ? EventOutput.noCodec(provider) : "--format must be json or tsv"));
            err.flush();
            return ExitCodes.USAGE;
        }
        List<MailEvent> events;
        try {
            byte[] payload = file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
            events = codec.get().decode(payload, Instant.now());
        } catch (IOException e) {
            err.println("mailgate webhook decode: cannot read " + file + ": " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        } catch (CallbackFormatException e) {
            err.println("mailgate webhook decode: " + file + ": " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        EventOutput printer = new EventOutput(out, format);
        printer.header();
        events.forEach(printer::print);
        out.flush();
        return ExitCodes.OK;
    }
}
