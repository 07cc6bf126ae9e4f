package dev.mailgate.cli.dns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.cli.CliRun;
import dev.mailgate.testing.dns.TestDnsServer;
import dev.mailgate.testing.smtp.TestSmtpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code mailgate dns check} and {@code smtp test --check-dns} against a local DNS server (no internet). */
class DnsCheckCommandTest {
    private static final String ZONE = """
            example.com               TXT "v=spf1 ip4:127.0.0.1 ip4:203.0.113.7 -all"
            example.com               MX  10 mx.example.com
            _dmarc.example.com        TXT "v=DMARC1; p=quarantine; rua=mailto:d@example.com"
            bad.example               MX  0 .
            7.113.0.203.zen.spamhaus.org A 127.0.0.10
            """;
    private final CliRun cli = new CliRun();
    private TestDnsServer dns;

    @BeforeEach
    void start() throws Exception {
        dns = TestDnsServer.builder().zone(ZONE).build().start();
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private String server() {
        return "127.0.0.1:" + dns.address().getPort();
    }

    @Test
    void healthyDomainExitsZeroAndExplainsEachFinding() {
        int code = cli.run("dns", "check", "--domain", "example.com", "--ip", "192.0.2.1", "--dns-server", server());
        assertThat(code).as(cli.out() + cli.err()).isEqualTo(3); // 192.0.2.1 is not in the SPF record
        assertThat(cli.out()).contains("FAIL  spf").contains("fix: add ip4:192.0.2.1 to the SPF record of example.com")
                .contains("PASS  dmarc").contains("not checked: dkim (give the selector)").contains("overall: FAIL");
        code = cli.run("dns", "check", "--domain", "example.com", "--dns-server", server(), "--no-blocklists");
        assertThat(code).isZero();
    }

    @Test
    void jsonOutputCarriesStatusFixAndTheBlocklistMeaning() throws Exception {
        int code = cli.run("dns", "check", "--domain", "example.com", "--ip", "203.0.113.7", "--dns-server", server(), "--format", "json");
        assertThat(code).isEqualTo(3);
        JsonNode root = new ObjectMapper().readTree(cli.out());
        assertThat(root.get("status").asText()).isEqualTo("FAIL");
        JsonNode zen = null;
        for (JsonNode f : root.get("findings")) {
            if (f.get("check").asText().equals("blocklist:zen.spamhaus.org")) {
                zen = f;
            }
        }
        assertThat(zen).isNotNull();
        assertThat(zen.get("status").asText()).isEqualTo("FAIL");
        assertThat(zen.get("summary").asText()).contains("127.0.0.10 PBL (ISP)");
        assertThat(zen.get("fix").asText()).contains("request removal");
    }

    @Test
    void badInputIsExitOneWithTheReason() {
        assertThat(cli.run("dns", "check", "--domain", "example.com", "--ip", "not-an-ip", "--dns-server", server())).isEqualTo(1);
        assertThat(cli.err()).contains("not an IP address: not-an-ip");
        assertThat(cli.run("dns", "check", "--domain", "example.com", "--format", "xml", "--dns-server", server())).isEqualTo(1);
        assertThat(cli.run("dns", "check")).isEqualTo(2);
    }

    @Test
    void smtpTestWithCheckDnsReportsBothHalves() throws Exception {
        try (TestSmtpServer smtp = TestSmtpServer.builder().build().start()) {
            int code = cli.run("smtp", "test", "--host", "127.0.0.1", "--port", String.valueOf(smtp.port()), "--tls", "none",
                    "--to", "me@example.com", "--from", "news@example.com", "--check-dns", "--dns-server", server());
            assertThat(code).as(cli.out() + cli.err()).isZero();
            assertThat(cli.out()).contains("PASSED   send").contains("DNS health of example.com").contains("SPF pass for 127.0.0.1");
            code = cli.run("smtp", "test", "--host", "127.0.0.1", "--port", String.valueOf(smtp.port()), "--tls", "none",
                    "--to", "me@bad.example", "--from", "news@bad.example", "--check-dns", "--dns-server", server());
            assertThat(code).isEqualTo(1);
            assertThat(cli.out()).contains("null MX");
        }
    }
}
