package dev.mailgate.cli.validate;

import dev.mailgate.cli.ExitCodes;
import dev.mailgate.core.Mailgate;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
import dev.mailgate.core.message.InvalidHeaderException;
import dev.mailgate.core.message.RawMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.validation.CoreRules;
import dev.mailgate.core.validation.MessageValidator;
import dev.mailgate.core.validation.Violation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mailgate validate}: the core rules and a provider's rules against pre-built messages, every violation
 * reported. Works for every provider found on the class/module path.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check .eml files against the core rules and a provider's rules; print every violation as",
            "'file: rule-id: message'. Exit code 0 when every file passes, 1 when any breaks a rule or cannot be read."},
        footer = {"", "Examples:",
            "  mailgate validate --provider episerver --sending-domain news.example.com newsletter.eml",
            "  mailgate validate --provider episerver --sending-domain news.example.com --mailing-codes m-1,m-2 \\",
            "      --envelope-from newsletter@news.example.com out/*.eml",
            "  mailgate validate --provider smtp message.eml                 (the core rules only)",
            "  mailgate validate --provider cloudmailin --set domain=example.com message.eml"})
public final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--provider", required = true, description = "the provider whose rules apply (episerver, cloudmailin, smtp, ...)")
    String provider;

    @Option(names = "--sending-domain", description = "the provider's sending domain (Episerver: required)")
    String sendingDomain;

    @Option(names = "--mailing-codes", description = "comma-separated valid X-bm-mailing codes (Episerver)")
    String mailingCodes;

    @Option(names = "--envelope-from", description = "the envelope sender the message would be sent with (default: its Sender or From)")
    String envelopeFrom;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "any other provider setting")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json (one object per file: file, ok, violations[{rule, field, message}])")
    String format;

    @Parameters(arity = "1..*", paramLabel = "FILE.eml", description = "the messages to check")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MessageValidator validator;
        Optional<EmailAddress> envelope;
        try {
            if (!format.equals("text") && !format.equals("json")) {
                throw new IllegalArgumentException("--format must be text or json, was " + format);
            }
            MailProvider p = Mailgate.provider(provider).orElseThrow(() -> new IllegalArgumentException("no provider \"" + provider
                    + "\"; available: " + Mailgate.providers().stream().map(MailProvider::id).sorted().toList()));
            Map<String, String> config = new LinkedHashMap<>(settings);
            if (sendingDomain != null) {
                config.put("sending-domain", sendingDomain);
            }
            if (mailingCodes != null) {
                config.put("mailing-codes", mailingCodes);
            }
            validator = MessageValidator.of(CoreRules.defaults()).and(p.rules(config));
            envelope = envelopeFrom == null ? Optional.empty() : Optional.of(EmailAddress.parse(envelopeFrom));
        } catch (ProviderConfigException | InvalidAddressException | IllegalArgumentException e) {
            err.println("mailgate validate: " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        boolean clean = true;
        boolean json = format.equals("json");
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        for (Path file : files) {
            com.fasterxml.jackson.databind.node.ObjectNode line = mapper.createObjectNode().put("file", file.toString());
            com.fasterxml.jackson.databind.node.ArrayNode found = line.putArray("violations");
            try {
                RawMessage message = RawMessage.forValidation(Files.readAllBytes(file), envelope);
                for (Violation v : validator.validate(MimeWriter.standard().render(message))) {
                    found.addObject().put("rule", v.ruleId()).put("field", v.field()).put("message", v.message());
                    if (!json) {
                        out.println(file + ": " + v.ruleId() + ": " + v.message());
                    }
                }
            } catch (IOException | InvalidHeaderException e) {
                line.put("error", "unreadable: " + e.getMessage());
                if (!json) {
                    out.println(file + ": unreadable: " + e.getMessage());
                }
            }
            boolean ok = found.isEmpty() && !line.has("error");
            clean &= ok;
            if (json) {
                out.println(line.put("ok", ok).toString());
            }
        }
        out.flush();
        return clean ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }
}
