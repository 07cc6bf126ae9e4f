package dev.mailgate.cli.dns;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailgate.cli.ExitCodes;
import dev.mailgate.core.MailException;
import dev.mailgate.core.dkim.DkimKeys;
import dev.mailgate.deliverability.Blocklist;
import dev.mailgate.deliverability.DnsHealthCheck;
import dev.mailgate.deliverability.Finding;
import dev.mailgate.deliverability.HealthReport;
import dev.mailgate.deliverability.SendingSetup;
import dev.mailgate.deliverability.dns.UdpDnsResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mailgate dns check}: SPF, DKIM, DMARC, MX, CNAME and blocklists of a sending domain, explained. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Look up and explain what receivers check before they trust mail from a domain: SPF of the",
            "envelope domain (and whether it authorizes --ip), the DKIM key record of --selector, DMARC and alignment,",
            "MX / null MX, the CNAME a provider asks for, and the IP/domain on Spamhaus ZEN/DBL.",
            "Each finding is PASS, WARN or FAIL with a one-line fix.",
            "",
            "Example:",
            "  mailgate dns check --domain example.com --selector s1 --ip 203.0.113.7 \\",
            "      --envelope-domain mta.example.com --expect-cname mta.provider.example",
            "",
            "Exit codes: 0 no check failed (warnings allowed), 1 invalid input, 2 usage error, 3 a check failed."})
public final class DnsCheckCommand implements Callable<Integer> {
    /** A check ran and found a failure. */
    static final int CHECK_FAILED = 3;

    @Option(names = "--domain", required = true, description = "the From domain")
    String domain;

    @Option(names = "--selector", description = "the DKIM selector (the key is looked up at <selector>._domainkey.<dkim domain>)")
    String selector;

    @Option(names = "--ip", description = "the sending IP, for SPF and the IP blocklists")
    String ip;

    @Option(names = "--envelope-domain", description = "the MAIL FROM domain SPF is checked for (default: --domain)")
    String envelopeDomain;

    @Option(names = "--dkim-domain", description = "the DKIM signing domain d= (default: --domain)")
    String dkimDomain;

    @Option(names = "--dkim-key", description = "the PEM private key the signer uses; checks that the published key matches")
    Path dkimKey;

    @Option(names = "--expect-cname", description = "the CNAME target the provider asked for on the envelope domain")
    String expectCname;

    @Option(names = "--dns-server", description = "host[:port] of the DNS server to ask (default: the first nameserver of /etc/resolv.conf)")
    String dnsServer;

    @Option(names = "--blocklist", description = "an IP blocklist zone to ask instead of Spamhaus ZEN and DBL (repeatable)")
    List<String> blocklists = new ArrayList<>();

    @Option(names = "--no-blocklists", description = "skip the blocklist lookups")
    boolean noBlocklists;

    @Option(names = "--timeout-ms", defaultValue = "2000", description = "per DNS query attempt (default 2000; two attempts)")
    long timeoutMs;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        HealthReport report;
        try {
            if (!format.equals("text") && !format.equals("json")) {
                throw new IllegalArgumentException("--format must be text or json, was " + format);
            }
            SendingSetup.Builder setup = SendingSetup.forDomain(domain);
            if (selector != null) {
                setup.selector(selector);
            }
            if (ip != null) {
                setup.ip(ip);
            }
            if (envelopeDomain != null) {
                setup.envelopeDomain(envelopeDomain);
            }
            if (dkimDomain != null) {
                setup.dkimDomain(dkimDomain);
            }
            if (expectCname != null) {
                setup.expectCname(expectCname);
            }
            if (dkimKey != null) {
                setup.dkimKey(DkimKeys.fromPem(Files.readString(dkimKey, StandardCharsets.US_ASCII)));
            }
            UdpDnsResolver resolver = resolver(dnsServer, Duration.ofMillis(Math.max(1, timeoutMs)));
            DnsHealthCheck check = DnsHealthCheck.using(resolver);
            if (noBlocklists) {
                check = check.withBlocklists(List.of());
            } else if (!blocklists.isEmpty()) {
                check = check.withBlocklists(blocklists.stream().map(Blocklist::ofIps).toList());
            }
            report = check.run(setup.build());
        } catch (MailException | IllegalArgumentException | IOException e) {
            err.println("mailgate dns check: " + e.getMessage());
            err.flush();
            return ExitCodes.INVALID_INPUT;
        }
        out.print(format.equals("json") ? json(report) : report.format());
        out.flush();
        return report.worst() == Finding.Status.FAIL ? CHECK_FAILED : ExitCodes.OK;
    }

    /**
     * The resolver for a {@code --dns-server host[:port]} option (the system's first nameserver when null); shared by
     * {@code smtp test --check-dns}.
     */
    public static UdpDnsResolver resolver(String hostPort, Duration timeout) throws IOException {
        if (hostPort == null) {
            return UdpDnsResolver.system().withTimeout(timeout, 2);
        }
        int colon = hostPort.lastIndexOf(':');
        boolean hasPort = colon > 0 && hostPort.indexOf(':') == colon;
        String host = hasPort ? hostPort.substring(0, colon) : hostPort;
        int port = 53;
        if (hasPort) {
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--dns-server port must be a number: " + hostPort);
            }
        }
        return UdpDnsResolver.of(new InetSocketAddress(InetAddress.getByName(host), port)).withTimeout(timeout, 2);
    }

    private static String json(HealthReport report) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("domain", report.domain());
        root.put("status", report.worst().name());
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode n = findings.addObject();
            n.put("check", f.check());
            n.put("status", f.status().name());
            n.put("summary", f.summary());
            f.fix().ifPresent(fix -> n.put("fix", fix));
        }
        ArrayNode skipped = root.putArray("notChecked");
        report.notChecked().forEach(skipped::add);
        return root.toPrettyString() + System.lineSeparator();
    }
}
