package dev.mailgate.cli.webhook;

import dev.mailgate.cli.ExitCodes;
import dev.mailgate.core.Mailgate;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.core.webhook.WebhookRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mailgate webhook verify}: checks a captured request's authentication (signature, timestamp, credentials) the
 * way the provider's authenticator does at the endpoint, and says why a refused one was refused. The operator sees the
 * reason here; an endpoint answers only 401.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a captured webhook request's signature or credentials with the provider's authenticator.",
            "Exit code 0 and 'authentic' when it passes; 1 and the reason when it is refused."},
        footer = {"", "Examples:",
            "  mailgate webhook verify --provider sendgrid --headers req.headers --body req.json -s public-key=MFkwEwYH... \\",
            "      --at 2026-11-23T12:00:00Z        (as of capture: the replay window counts from --at)",
            "  mailgate webhook verify --provider mailgun --body req.json -s signing-key=key-...",
            "  mailgate webhook verify --provider brevo --headers req.headers --body req.json -s bearer-token=...",
            "", "The headers file holds 'Name: value' lines as captured (curl -D, a proxy log); a request line and",
            "anything after the first blank line are skipped. Settings per provider: 'mailgate webhook verify",
            "--provider X --list-settings'."})
public final class WebhookVerifyCommand implements Callable<Integer> {
    @Option(names = "--provider", required = true, description = "whose authentication: sendgrid, mailgun, brevo, ...")
    String provider;

    @Option(names = "--headers", paramLabel = "FILE", description = "the captured request's headers, 'Name: value' per line")
    Path headers;

    @Option(names = "--body", paramLabel = "FILE", description = "the captured body, byte for byte (signatures cover the raw bytes)")
    Path body;

    @Option(names = {"-s", "--setting"}, paramLabel = "KEY=VALUE", description = "a webhook setting: the key, credentials, ...")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--at", paramLabel = "INSTANT", description = "check as of this time (ISO-8601, e.g. the capture time); default now")
    String at;

    @Option(names = "--list-settings", description = "print the provider's webhook settings and exit")
    boolean listSettings;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<MailProvider> found = Mailgate.provider(provider);
        if (found.isEmpty() || found.get().webhookKeys().isEmpty()) {
            return usage(err, (found.isEmpty() ? "no provider \"" + provider + "\"" : "provider " + provider + " has no webhook authenticator")
                    + "; providers with one: " + Mailgate.providers().stream().filter(p -> !p.webhookKeys().isEmpty()).map(MailProvider::id).sorted().toList());
        }
        MailProvider p = found.get();
        if (listSettings) {
            for (ConfigKey key : p.webhookKeys()) {
                out.println(key.name() + (key.required() ? " (required)" : "") + ": " + key.description());
            }
            out.flush();
            return ExitCodes.OK;
        }
        if (body == null) {
            return usage(err, "--body is required (the captured body file)");
        }
        Clock clock;
        try {
            clock = at == null ? Clock.systemUTC() : Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return usage(err, "--at is not an ISO-8601 instant (e.g. 2026-11-23T12:00:00Z): " + at);
        }
        WebhookRequest request;
        try {
            request = new WebhookRequest("POST", headers == null ? Map.of() : readHeaders(headers), Files.readAllBytes(body));
        } catch (IOException e) {
            err.println("mailgate webhook verify: cannot read " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        WebhookAuthenticator authenticator;
        try {
            authenticator = p.webhookAuthenticator(settings, clock);
        } catch (ProviderConfigException e) {
            return usage(err, e.getMessage());
        }
        Optional<String> refused = authenticator.reject(request);
        if (refused.isPresent()) {
            err.println("mailgate webhook verify: refused: " + refused.get());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        out.println("authentic");
        out.flush();
        return ExitCodes.OK;
    }

    /** 'Name: value' lines; a request line (no colon before a space) is skipped, and folded lines join the previous. */
    static Map<String, List<String>> readHeaders(Path file) throws IOException {
        Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String last = null;
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            if (line.isEmpty()) {
                if (!out.isEmpty()) {
                    break; // the end of the header section (RFC 9112 2.1): a body may follow in a raw capture
                }
                continue;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
                List<String> values = out.get(last);
                values.set(values.size() - 1, values.get(values.size() - 1) + " " + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.substring(0, colon).contains(" ")) {
                continue; // "POST /hook HTTP/1.1" or "HTTP/1.1 200 OK"
            }
            last = line.substring(0, colon).strip();
            out.computeIfAbsent(last, k -> new ArrayList<>()).add(line.substring(colon + 1).strip());
        }
        return out;
    }

    private static int usage(PrintWriter err, String message) {
        err.println("mailgate webhook verify: " + message);
        err.flush();
        return ExitCodes.USAGE;
    }
}
