package dev.mailgate.cli.smtp;

import dev.mailgate.cli.ExitCodes;
import dev.mailgate.cli.PlaintextAuthOption;
import dev.mailgate.cli.SecretOptions;
import dev.mailgate.cli.dns.DnsCheckCommand;
import dev.mailgate.core.MailException;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.deliverability.DnsHealthCheck;
import dev.mailgate.deliverability.SendingSetup;
import dev.mailgate.deliverability.TestEmailCheck;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpDiagnostics;
import dev.mailgate.smtp.TlsMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailgate smtp test}: the seeds' "Send a test email", as a step-by-step report. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Connect to an SMTP server and report each step: DNS, TCP, greeting, EHLO, TLS, AUTH;",
            "with --to, also send a test message. Exit code 0 only when everything asked for succeeded."},
        footer = {"", "Examples:",
            "  mailgate smtp test --host smtp.example.com --user news@example.com \\",
            "      --password-env SMTP_PASSWORD",
            "  mailgate smtp test --host smtp.example.com --port 465 --tls implicit \\",
            "      --user news@example.com --password-env SMTP_PASSWORD --to me@example.com \\",
            "      --check-dns --selector s1 --format json",
            "  mailgate smtp test --host relay.lan --port 25 --tls none --user app \\",
            "      --password-env P --allow-plaintext-auth",
            "",
            "Credentials over --tls none are refused unless --allow-plaintext-auth is",
            "given. A WARNING step (an EHLO name of localhost) does not fail the test.",
            "", "Exit codes: 0 every step passed (warnings allowed); 1 a step failed or the",
            "input was invalid; 2 usage error."})
public final class SmtpTestCommand implements Callable<Integer> {
    @Option(names = "--host", required = true, description = "the SMTP server")
    String host;

    @Option(names = "--port", description = "the port (default: 587, or 465 with --tls implicit)")
    int port;

    @Option(names = "--tls", defaultValue = "starttls", description = "starttls (default, required), implicit or none")
    String tls;

    @Option(names = "--user", description = "the user name, if the server requires authentication")
    String user;

    @Mixin
    SecretOptions secrets;

    @Mixin
    PlaintextAuthOption plaintextAuth;

    @Option(names = "--helo-name", paramLabel = "NAME", description = "the name sent with EHLO: this machine's public host name (default: the library's)")
    String heloName;

    @Option(names = "--to", description = "send a test message to this address")
    String to;

    @Option(names = "--from", description = "the test message's From (default: --user when it is an address)")
    String from;

    @Option(names = "--check-dns", description = {"also check the DNS of the From domain: SPF for the server's address (right when it is",
        "your own gateway), DKIM with --selector, DMARC, MX and blocklists (see 'mailgate dns check')"})
    boolean checkDns;

    @Option(names = "--selector", description = "with --check-dns: the DKIM selector")
    String selector;

    @Option(names = "--dns-server", description = "with --check-dns: host[:port] of the DNS server (default: /etc/resolv.conf)")
    String dnsServer;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json ({success, steps[{name, status, detail, hint}], dns})")
    String format;

    @Option(names = "--timeout", defaultValue = "15", description = "seconds to wait for each step (default 15)")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        SmtpConfig config;
        Optional<EmailMessage> message = Optional.empty();
        try {
            if (!format.equals("text") && !format.equals("json")) {
                throw new IllegalArgumentException("--format must be text or json, was " + format);
            }
            TlsMode mode = TlsMode.parse(tls);
            Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
            SmtpConfig.Builder b = SmtpConfig.builder(host).tlsMode(mode).connectTimeout(timeout).commandTimeout(timeout)
                    .dataTimeout(timeout).maxAttempts(1);
            if (port > 0) {
                b.port(port);
            }
            b.allowPlaintextAuth(plaintextAuth.permit(mode == TlsMode.NONE, user, host, "--tls none", "--tls starttls or --tls implicit"));
            if (user != null) {
                String secret = secrets.password().orElseThrow(() -> new IllegalArgumentException("--user needs --password or --password-env"));
                b.credentials(user, secret);
            }
            if (heloName != null) {
                b.heloName(heloName);
            }
            secrets.trust().ifPresent(b::sslContext);
            config = b.build();
            if (to != null) {
                message = Optional.of(EmailMessage.builder().from(sender("--to")).to(address("--to", to))
                        .subject("Mailgate test message").text("This is a test message sent by 'mailgate smtp test' at " + Instant.now() + ".\n")
                        .build());
            }
        } catch (MailException | IllegalArgumentException e) {
            err.println("mailgate smtp test: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        if (checkDns) {
            TestEmailCheck.Report both;
            try {
                SendingSetup.Builder setup = SendingSetup.forDomain(sender("--check-dns").domain());
                if (selector != null) {
                    setup.selector(selector);
                }
                try {
                    setup.ip(InetAddress.getByName(host));
                } catch (UnknownHostException e) {
                    // the SMTP report says so; SPF is then audited without an IP
                }
                DnsHealthCheck check = DnsHealthCheck.using(DnsCheckCommand.resolver(dnsServer, Duration.ofSeconds(2)));
                // TestEmailCheck.run's two halves, with the SMTP hints naming this command's options
                both = new TestEmailCheck.Report(SmtpDiagnostics.run(config, message, SmtpOptionNames.INSTANCE), check.run(setup.build()));
            } catch (MailException | IllegalArgumentException | IOException e) {
                err.println("mailgate smtp test: " + e.getMessage());
                err.flush();
                return ExitCodes.INVALID_INPUT;
            }
            out.print(format.equals("json") ? json(both.smtp(), both.dns()) : both.format());
            out.flush();
            return both.success() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
        }
        SmtpDiagnostics.Report report = SmtpDiagnostics.run(config, message, SmtpOptionNames.INSTANCE);
        out.print(format.equals("json") ? json(report, null) : report.format());
        out.flush();
        return report.success() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
    }

    /**
     * The test message's From: --from, else --user when it is an address. An error names the option to fix, since
     * "invalid e-mail address" alone leaves a user whose login is no address guessing.
     */
    private EmailAddress sender(String neededBy) {
        if (from != null) {
            return address("--from", from);
        }
        if (user == null) {
            throw new IllegalArgumentException(neededBy + " needs --from (or a --user that is an e-mail address)");
        }
        try {
            return EmailAddress.parse(user);
        } catch (InvalidAddressException e) {
            throw new IllegalArgumentException(neededBy + " needs --from: --user \"" + user + "\" is not an e-mail address, so it cannot be the From", e);
        }
    }

    private static EmailAddress address(String option, String value) {
        try {
            return EmailAddress.parse(value);
        } catch (InvalidAddressException e) {
            throw new IllegalArgumentException(option + " \"" + value + "\": " + e.getMessage(), e);
        }
    }

    private static String json(SmtpDiagnostics.Report report, dev.mailgate.deliverability.HealthReport dns) {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = mapper.createObjectNode();
        root.put("success", report.success() && (dns == null || dns.worst() != dev.mailgate.deliverability.Finding.Status.FAIL));
        root.put("tookMillis", report.took().toMillis());
        com.fasterxml.jackson.databind.node.ArrayNode steps = root.putArray("steps");
        for (SmtpDiagnostics.Step step : report.steps()) {
            com.fasterxml.jackson.databind.node.ObjectNode n = steps.addObject().put("name", step.name()).put("status", step.status().name())
                    .put("detail", step.detail());
            step.hint().ifPresent(h -> n.put("hint", h));
        }
        report.receipt().flatMap(r -> r.providerMessageId()).ifPresent(id -> root.put("queueId", id));
        if (dns != null) {
            com.fasterxml.jackson.databind.node.ObjectNode d = root.putObject("dns").put("domain", dns.domain()).put("status", dns.worst().name());
            com.fasterxml.jackson.databind.node.ArrayNode findings = d.putArray("findings");
            for (dev.mailgate.deliverability.Finding f : dns.findings()) {
                com.fasterxml.jackson.databind.node.ObjectNode n = findings.addObject().put("check", f.check()).put("status", f.status().name())
                        .put("summary", f.summary());
                f.fix().ifPresent(fix -> n.put("fix", fix));
            }
        }
        return root.toPrettyString() + System.lineSeparator();
    }
}
