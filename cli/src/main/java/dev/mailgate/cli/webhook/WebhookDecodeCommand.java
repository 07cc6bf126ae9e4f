package dev.mailgate.cli.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailgate.cli.ExitCodes;
import dev.mailgate.core.Mailgate;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.spi.MailProvider;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
    @Option(names = "--provider", required = true, description = "whose format: cloudmailin, smtp, ...")
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
        String fmt = format.toLowerCase(Locale.ROOT);
        Optional<CallbackCodec> codec = Mailgate.provider(provider).flatMap(p -> p.codecs().stream().findFirst());
        if (codec.isEmpty() || !(fmt.equals("json") || fmt.equals("tsv"))) {
            err.println("mailgate webhook decode: " + (codec.isEmpty() ? "no payload format for provider \"" + provider + "\"; providers with one: "
                    + Mailgate.providers().stream().filter(p -> !p.codecs().isEmpty()).map(MailProvider::id).sorted().toList()
                    : "--format must be json or tsv"));
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
        ObjectMapper json = new ObjectMapper();
        if (fmt.equals("tsv")) {
            out.println("#type\trecipient\tprovider\tproviderMessageId\tbounceClass\treason\tstatus\toccurredAt");
        }
        for (MailEvent e : events) {
            ObjectNode o = row(json, e);
            if (fmt.equals("json")) {
                out.println(o.toString());
            } else {
                out.println(String.join("\t", List.of("type", "recipient", "provider", "providerMessageId", "bounceClass", "reason",
                        "status", "occurredAt").stream().map(k -> o.hasNonNull(k) ? o.get(k).asText().replace('\t', ' ') : "").toList()));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    static ObjectNode row(ObjectMapper json, MailEvent e) {
        ObjectNode o = json.createObjectNode();
        o.put("type", e.type().name().toLowerCase(Locale.ROOT));
        e.recipient().ifPresentOrElse(r -> o.put("recipient", r.address()), () -> o.putNull("recipient"));
        o.put("provider", e.details().provider());
        e.details().providerMessageId().ifPresentOrElse(id -> o.put("providerMessageId", id), () -> o.putNull("providerMessageId"));
        e.details().messageId().ifPresent(id -> o.put("messageId", id));
        o.putNull("bounceClass");
        o.putNull("reason");
        o.putNull("status");
        Optional<Diagnostic> diagnostic = Optional.empty();
        if (e instanceof MailEvent.Bounced b) {
            o.put("bounceClass", b.bounceClass().name().toLowerCase(Locale.ROOT));
            reason(o, b.reason());
            diagnostic = Optional.of(b.diagnostic());
        } else if (e instanceof MailEvent.Deferred d) {
            o.put("bounceClass", "soft");
            reason(o, d.reason());
            diagnostic = Optional.of(d.diagnostic());
        } else if (e instanceof MailEvent.Blocked b) {
            reason(o, b.reason());
            diagnostic = Optional.of(b.diagnostic());
        } else if (e instanceof MailEvent.Unknown u) {
            o.put("kind", u.kind());
        } else if (e instanceof MailEvent.Clicked c) {
            c.url().ifPresent(url -> o.put("url", url));
        } else if (e instanceof MailEvent.Complained c) {
            c.feedbackType().ifPresent(t -> o.put("feedbackType", t));
        } else if (e instanceof MailEvent.Unsubscribed u) {
            o.put("scope", u.scope().name().toLowerCase(Locale.ROOT));
        }
        diagnostic.ifPresent(d -> {
            d.status().ifPresent(s -> o.put("status", s.toString()));
            d.replyCode().ifPresent(c -> o.put("replyCode", c));
            if (!d.text().isEmpty()) {
                o.put("diagnostic", d.text());
            }
        });
        e.details().occurredAt().ifPresentOrElse(t -> o.put("occurredAt", t.toString()), () -> o.putNull("occurredAt"));
        o.put("receivedAt", e.details().receivedAt().toString());
        e.details().eventId().ifPresent(id -> o.put("eventId", id));
        return o;
    }

    private static void reason(ObjectNode o, BounceReason r) {
        o.put("reason", r.id());
    }
}
