package dev.mailgate.cli.send;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailgate.cli.ExitCodes;
import dev.mailgate.core.MailException;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.RecipientOutcome;
import dev.mailgate.core.transport.SendReceipt;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.CoreRules;
import dev.mailgate.core.validation.MessageValidator;
import dev.mailgate.core.validation.ValidationException;
import dev.mailgate.core.validation.Violation;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailgate send}: one message through any configured provider ({@code Mailgate.transport(id, settings)}),
 * or, with {@code --dry-run}, validated against the core and provider rules and rendered without connecting.
 */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send one message through a provider, from flags or the message JSON of 'mailgate render'.",
            "--dry-run validates it (core rules and the provider's rules) and renders it, without connecting."},
        footer = {"", "Examples:",
            "  mailgate send --set host=smtp.example.com --set username=news@example.com \\",
            "      --password-env SMTP_PASSWORD --from news@example.com --to me@example.com \\",
            "      --subject Hello --text 'It works.'",
            "  mailgate send --config smtp.properties --message newsletter.json \\",
            "      --to me@example.com                     (a test copy to yourself)",
            "  mailgate send --provider episerver --set sending-domain=news.example.com \\",
            "      --dry-run --message newsletter.json",
            "",
            "Settings are the provider's keys (docs/providers.md); for smtp: host, port,",
            "tls, username, password, helo-name, trust-store, ... Credentials over",
            "tls=none are refused unless --allow-plaintext-auth is given.",
            "",
            "Exit codes: 0 sent and every recipient accepted (--dry-run: valid);",
            "1 a rule is broken, the message or a setting's value is invalid, a",
            "recipient was refused or sending failed; 2 usage error (unknown provider",
            "or setting, a required setting missing, no message given)."})
public final class SendCommand implements Callable<Integer> {
    @Mixin
    ProviderSettings provider;

    @Mixin
    MessageOptions message;

    @Option(names = "--dry-run", description = "validate and render only: print every violation, or the rendered size; nothing is sent")
    boolean dryRun;

    @Option(names = "--format", defaultValue = "text",
            description = "text (default) or json ({sent, messageId, providerMessageId, recipients[{address, status, reply}]};"
                    + " with --dry-run {valid, size, violations[{rule, field, message}]})")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MailProvider p;
        Map<String, String> settings;
        try {
            if (!format.equals("text") && !format.equals("json")) {
                throw new ProviderSettings.SettingsException("--format must be text or json, was " + format);
            }
            if (!message.given()) {
                throw new ProviderSettings.SettingsException("no message: give --message FILE.json or --from, --to, --subject, --text ...");
            }
            p = provider.provider();
            settings = provider.settings(p, !dryRun);
        } catch (ProviderSettings.SettingsException | ProviderConfigException e) {
            return fail(err, e.getMessage(), ExitCodes.USAGE);
        } catch (IllegalArgumentException e) {
            return fail(err, e.getMessage(), ExitCodes.INVALID_INPUT);
        }
        EmailMessage email;
        try {
            email = message.build(System.in);
        } catch (MessageOptions.MessageOptionException e) {
            return fail(err, e.getMessage(), ExitCodes.INVALID_INPUT);
        }
        boolean json = format.equals("json");
        if (dryRun) {
            return dryRun(p, settings, email, out, err, json);
        }
        SendReceipt receipt;
        try (Transport transport = p.createTransport(settings)) {
            receipt = transport.send(email);
        } catch (ValidationException e) {
            printViolations(e.violations(), -1, out, json);
            return ExitCodes.INVALID_INPUT;
        } catch (ProviderConfigException e) {
            // the value of a key is wrong (a port that is no number): the keys themselves were checked before
            return fail(err, e.getMessage(), ExitCodes.INVALID_INPUT);
        } catch (MailException e) {
            return fail(err, "sending through " + p.id() + " failed: " + e.getMessage()
                    + (e.isRetrySafe() ? " (nothing was sent; safe to retry)" : " (the message may have been sent; check before retrying)"),
                    ExitCodes.INVALID_INPUT);
        }
        printReceipt(receipt, p.id(), out, json);
        return receipt.allAccepted() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }

    /**
     * The checks a send makes before connecting: the core rules and the provider's rules for these settings, on
     * the rendered bytes (the 7-bit rendering; a server offering 8BITMIME may get a slightly smaller message).
     */
    private int dryRun(MailProvider p, Map<String, String> settings, EmailMessage email, PrintWriter out, PrintWriter err, boolean json) {
        RenderedMessage rendered;
        List<Violation> violations;
        try {
            rendered = MimeWriter.standard().render(email);
            violations = MessageValidator.of(CoreRules.defaults()).and(p.rules(settings)).validate(rendered);
        } catch (ProviderConfigException e) {
            return fail(err, e.getMessage(), ExitCodes.USAGE);
        } catch (MailException e) {
            return fail(err, "cannot render the message: " + e.getMessage(), ExitCodes.INVALID_INPUT);
        }
        printViolations(violations, rendered.size(), out, json);
        if (!json && violations.isEmpty()) {
            out.println("valid for " + p.id() + ": " + rendered.size() + " octets rendered, " + rendered.envelope().recipients().size()
                    + " recipient(s), Message-ID " + rendered.messageId().orElse("(none)") + "; not sent (--dry-run)");
        }
        out.flush();
        return violations.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }

    /** Every violation, one per line (or the dry-run JSON object); size is -1 when the transport refused the message. */
    private static void printViolations(List<Violation> violations, int size, PrintWriter out, boolean json) {
        if (json) {
            ObjectNode root = new ObjectMapper().createObjectNode().put("valid", violations.isEmpty());
            if (size >= 0) {
                root.put("size", size);
            } else {
                root.put("sent", false);
            }
            ArrayNode list = root.putArray("violations");
            violations.forEach(v -> list.addObject().put("rule", v.ruleId()).put("field", v.field()).put("message", v.message()));
            out.println(root.toString());
        } else {
            violations.forEach(v -> out.println(v.ruleId() + ": " + v.message()));
            if (!violations.isEmpty()) {
                out.println(violations.size() + " violation(s); nothing sent");
            }
        }
        out.flush();
    }

    private static void printReceipt(SendReceipt r, String providerId, PrintWriter out, boolean json) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode().put("sent", !r.accepted().isEmpty()).put("provider", providerId);
        r.messageId().ifPresent(id -> root.put("messageId", id));
        r.providerMessageId().ifPresent(id -> root.put("providerMessageId", id));
        root.put("tookMillis", r.duration().toMillis());
        ArrayNode list = root.putArray("recipients");
        for (RecipientOutcome o : r.recipients()) {
            ObjectNode n = list.addObject().put("address", o.recipient().address());
            if (o instanceof RecipientOutcome.Accepted a) {
                n.put("status", "accepted").put("reply", a.reply().toString());
            } else if (o instanceof RecipientOutcome.Rejected j) {
                n.put("status", "refused").put("reply", j.reply().toString());
            } else if (o instanceof RecipientOutcome.Suppressed s) {
                n.put("status", "suppressed").put("reply", s.reason());
            }
        }
        if (json) {
            out.println(root.toString());
        } else {
            out.println((r.accepted().isEmpty() ? "not sent" : "sent") + " via " + providerId + r.messageId().map(id -> ", Message-ID " + id).orElse("")
                    + r.providerMessageId().map(id -> ", queue id " + id).orElse("") + " in " + r.duration().toMillis() + " ms");
            list.forEach(n -> out.println(String.format("%-10s %s  %s", n.get("status").asText(), n.get("address").asText(), n.get("reply").asText())));
        }
        out.flush();
    }

    private int fail(PrintWriter err, String message, int code) {
        err.println("mailgate send: " + message);
        err.flush();
        return code;
    }
}
