package dev.mailgate.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.dkim.DkimKeys;
import dev.mailgate.deliverability.Finding.Status;
import dev.mailgate.deliverability.dns.UdpDnsResolver;
import dev.mailgate.testing.dns.TestDnsServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The whole check over real DNS queries to a test server per scenario zone (src/test/resources/zones). */
class DnsHealthCheckTest {
    private TestDnsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private DnsHealthCheck checkWith(String zone) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/zones/" + zone)) {
            server = TestDnsServer.builder().zone(TestDnsServer.read(in)).build().start();
        }
        return DnsHealthCheck.using(UdpDnsResolver.of(server.address()).withTimeout(Duration.ofMillis(500), 1));
    }

    static PrivateKey key(String file) {
        try (InputStream in = DnsHealthCheckTest.class.getResourceAsStream("/keys/" + file)) {
            return DkimKeys.fromPem(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Status status(HealthReport r, String check) {
        List<Finding> f = r.of(check);
        assertThat(f).as("findings of %s in%n%s", check, r.format()).hasSize(1);
        return f.get(0).status();
    }

    @Test
    void healthyDomainPassesEverything() throws Exception {
        HealthReport r = checkWith("healthy.zone").run(SendingSetup.forDomain("Example.COM").selector("s1").dkimKey(key("s1.pem")).ip("203.0.113.7").build());
        assertThat(r.findings()).as(r.format()).allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.PASS));
        assertThat(r.findings()).extracting(Finding::check).containsExactly("spf", "dkim", "dmarc", "alignment", "mx",
                "blocklist:zen.spamhaus.org", "blocklist:dbl.spamhaus.org");
        assertThat(r.of("spf").get(0).summary()).contains("SPF pass for 203.0.113.7").contains("worst case 1 of 10 lookups");
        assertThat(r.of("dkim").get(0).summary()).isEqualTo("RSA 2048-bit key at s1._domainkey.example.com, matches the signing key");
        assertThat(r.of("dmarc").get(0).summary()).contains("policy reject at _dmarc.example.com, reports to mailto:dmarc@example.com");
        assertThat(r.notChecked()).isEmpty();
        assertThat(r.worst()).isEqualTo(Status.PASS);
    }

    @Test
    void unauthorizedIpFailsSpfWithTheMechanismToAdd() throws Exception {
        HealthReport r = checkWith("healthy.zone").run(SendingSetup.forDomain("example.com").ip("192.0.2.99").build());
        Finding spf = r.of("spf").get(0);
        assertThat(spf.status()).isEqualTo(Status.FAIL);
        assertThat(spf.summary()).contains("SPF fail for 192.0.2.99");
        assertThat(spf.fix()).hasValue("add ip4:192.0.2.99 to the SPF record of example.com (before the \"all\")");
        assertThat(r.notChecked()).containsExactly("dkim (give the selector)");
    }

    @Test
    void publishedKeyThatIsNotTheSigningKeyFails() throws Exception {
        HealthReport r = checkWith("healthy.zone").run(SendingSetup.forDomain("example.com").selector("s1").dkimKey(key("other1024.pem")).build());
        assertThat(status(r, "dkim")).isEqualTo(Status.FAIL);
        assertThat(r.of("dkim").get(0).summary()).contains("does not match the signing key");
        assertThat(r.notChecked()).containsExactly("IP blocklists (give the sending IP)");
    }

    @Test
    void cloudMailinSubdomainCnameAndInheritedDmarc() throws Exception {
        HealthReport r = checkWith("cloudmailin.zone").run(SendingSetup.forDomain("shop.example.org").envelopeDomain("mta.shop.example.org")
                .selector("1234").expectCname("mta.cloudmailin.example").ip("198.51.100.9").build());
        assertThat(status(r, "spf")).as(r.format()).isEqualTo(Status.PASS);
        assertThat(status(r, "cname")).isEqualTo(Status.PASS);
        assertThat(status(r, "envelope-mx")).isEqualTo(Status.PASS);
        assertThat(r.of("envelope-mx").get(0).summary()).contains("bounces.cloudmailin.example");
        // found at the organizational domain, so sp=quarantine applies to shop.example.org
        assertThat(r.of("dmarc").get(0).summary()).contains("subdomain policy (sp=) quarantine at _dmarc.example.org");
        assertThat(status(r, "alignment")).isEqualTo(Status.PASS);
        Finding dkim = r.of("dkim").get(0);
        assertThat(dkim.status()).isEqualTo(Status.WARN);
        assertThat(dkim.summary()).contains("RSA 1024-bit").contains("t=y: testing mode");
        assertThat(dkim.fix()).hasValue("move to a 2048-bit key (RFC 8301 recommends at least 2048)");
    }

    @Test
    void wrongCnameTargetFails() throws Exception {
        HealthReport r = checkWith("cloudmailin.zone").run(SendingSetup.forDomain("shop.example.org").envelopeDomain("mta.shop.example.org")
                .expectCname("mta.other-provider.example").build());
        assertThat(status(r, "cname")).isEqualTo(Status.FAIL);
        assertThat(r.of("cname").get(0).fix()).hasValue("point the CNAME at mta.other-provider.example");
    }

    @Test
    void brokenDomainFailsEachCheckWithAFix() throws Exception {
        HealthReport r = checkWith("broken.zone").run(SendingSetup.forDomain("bad.example").selector("s1").ip("203.0.113.7").build());
        assertThat(r.worst()).isEqualTo(Status.FAIL);
        assertThat(r.findings()).as(r.format()).filteredOn(f -> !f.check().equals("alignment"))
                .allSatisfy(f -> {
                    assertThat(f.status()).isEqualTo(Status.FAIL);
                    assertThat(f.fix()).isPresent();
                });
        assertThat(r.of("spf").get(0).fix()).hasValue("publish TXT \"v=spf1 ip4:203.0.113.7 -all\" at bad.example");
        assertThat(r.of("dkim").get(0).summary()).contains("revoked");
        assertThat(r.of("mx").get(0).summary()).contains("null MX (RFC 7505)");
        assertThat(r.of("blocklist:zen.spamhaus.org").get(0).summary())
                .contains("127.0.0.2 SBL: a known spam source").contains("127.0.0.4 XBL: an exploited or infected host");
        assertThat(r.of("blocklist:dbl.spamhaus.org").get(0).summary()).contains("bad.example is on Spamhaus DBL: 127.0.1.2 a spam domain");
        assertThat(r.of("dmarc").get(0).summary()).startsWith("no DMARC record for bad.example");
    }

    @Test
    void refusedBlocklistQueryIsAWarningNotAListing() throws Exception {
        HealthReport r = checkWith("refused.zone").run(SendingSetup.forDomain("example.com").ip("203.0.113.7").build());
        Finding zen = r.of("blocklist:zen.spamhaus.org").get(0);
        assertThat(zen.status()).isEqualTo(Status.WARN);
        assertThat(zen.summary()).contains("public/open resolver");
    }

    @Test
    void strictAlignmentWithForeignDomainsFails() throws Exception {
        HealthReport r = checkWith("refused.zone").run(SendingSetup.forDomain("example.com").envelopeDomain("mta.example.com")
                .dkimDomain("esp.example.net").build());
        Finding alignment = r.of("alignment").get(0);
        assertThat(alignment.status()).isEqualTo(Status.FAIL);
        assertThat(alignment.summary()).contains("does not align with the SPF domain mta.example.com (strict)")
                .contains("does not align with DKIM d=esp.example.net (strict)");
    }

    @Test
    void unreachableDnsGivesWarningsNotPasses() throws Exception {
        server = TestDnsServer.builder().zone("x.example TIMEOUT").build().start();
        int port = server.address().getPort();
        server.close();
        HealthReport r = DnsHealthCheck.using(UdpDnsResolver.of(new java.net.InetSocketAddress("127.0.0.1", port)).withTimeout(Duration.ofMillis(100), 1))
                .run(SendingSetup.forDomain("example.com").build());
        assertThat(r.findings()).filteredOn(f -> !f.check().equals("alignment")).as(r.format())
                .allSatisfy(f -> assertThat(f.status()).isEqualTo(Status.WARN));
    }
}
