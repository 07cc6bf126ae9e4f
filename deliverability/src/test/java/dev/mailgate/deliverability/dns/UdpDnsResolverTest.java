package dev.mailgate.deliverability.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.testing.dns.TestDnsServer;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The resolver over real UDP and TCP against the test DNS server. */
class UdpDnsResolverTest {
    private static TestDnsServer server;
    private static UdpDnsResolver resolver;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = UdpDnsResolverTest.class.getResourceAsStream("/zones/resolver.zone")) {
            server = TestDnsServer.builder().zone(TestDnsServer.read(in)).build().start();
        }
        resolver = UdpDnsResolver.of(server.address()).withTimeout(Duration.ofMillis(300), 2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void readsAddresses() {
        assertThat(resolver.query("host.example.com", DnsType.A).values()).containsExactly("192.0.2.10", "192.0.2.11");
        assertThat(resolver.query("HOST.example.com.", DnsType.AAAA).values()).containsExactly("2001:db8:0:0:0:0:0:10");
    }

    @Test
    void readsMxAndNullMx() {
        assertThat(resolver.query("example.com", DnsType.MX).values()).containsExactly("10 mx1.example.com", "20 mx2.example.com");
        assertThat(resolver.query("nomail.example.com", DnsType.MX).values()).containsExactly("0 ");
    }

    @Test
    void joinsTxtStringsWithoutSeparators() {
        assertThat(resolver.query("example.com", DnsType.TXT).values()).containsExactly("v=spf1 ip4:192.0.2.0/24 -all");
        String longKey = resolver.query("long.example.com", DnsType.TXT).values().get(0);
        assertThat(longKey).hasSizeGreaterThan(255).startsWith("v=DKIM1; k=rsa; p=MIIB").endsWith("IDAQAB");
    }

    @Test
    void followsCnamesAndKeepsTheChain() {
        DnsAnswer answer = resolver.query("alias.example.com", DnsType.A);
        assertThat(answer.values()).containsExactly("192.0.2.10", "192.0.2.11");
        assertThat(answer.chain()).extracting(DnsRecord::data).containsExactly("host.example.com");
        assertThat(resolver.query("mta.example.com", DnsType.CNAME).values()).containsExactly("mta.provider.example");
        assertThat(resolver.query("mta.example.com", DnsType.TXT).values()).containsExactly("v=spf1 include:_spf.provider.example ~all");
    }

    @Test
    void tellsNxdomainFromNodata() {
        DnsAnswer nx = resolver.query("missing.example.com", DnsType.TXT);
        assertThat(nx.nameExists()).isFalse();
        assertThat(nx.isEmpty()).isTrue();
        DnsAnswer nodata = resolver.query("host.example.com", DnsType.TXT);
        assertThat(nodata.nameExists()).isTrue();
        assertThat(nodata.isEmpty()).isTrue();
    }

    @Test
    void servfailIsAnErrorNotAnEmptyAnswer() {
        assertThatThrownBy(() -> resolver.query("broken.example.com", DnsType.TXT)).isInstanceOf(DnsException.class)
                .hasMessageContaining("SERVFAIL for broken.example.com TXT");
    }

    @Test
    void silenceTimesOutWithinTheBound() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> resolver.query("slow.example.com", DnsType.A)).isInstanceOf(DnsException.class)
                .hasMessageContaining("no answer from the DNS server").hasMessageContaining("within 300 ms");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).isBetween(550L, 3_000L); // two attempts of 300 ms
    }

    @Test
    void truncatedAnswersAreAskedAgainOverTcp() throws Exception {
        try (InputStream in = UdpDnsResolverTest.class.getResourceAsStream("/zones/resolver.zone");
             TestDnsServer small = TestDnsServer.builder().zone(TestDnsServer.read(in)).maxUdpPayload(200).build().start()) {
            UdpDnsResolver r = UdpDnsResolver.of(small.address());
            assertThat(r.query("long.example.com", DnsType.TXT).values().get(0)).endsWith("IDAQAB");
            assertThat(small.askedOverTcp("long.example.com")).isTrue();
            assertThat(r.query("host.example.com", DnsType.A).values()).hasSize(2);
            assertThat(small.askedOverTcp("host.example.com")).isFalse();
        }
    }

    @Test
    void refusesNamesDnsCannotCarry() {
        assertThatThrownBy(() -> resolver.query("a..b", DnsType.A)).isInstanceOf(DnsException.class).hasMessageContaining("invalid DNS label");
        assertThatThrownBy(() -> resolver.query("x".repeat(64) + ".com", DnsType.A)).isInstanceOf(DnsException.class).hasMessageContaining("1 to 63");
    }
}
