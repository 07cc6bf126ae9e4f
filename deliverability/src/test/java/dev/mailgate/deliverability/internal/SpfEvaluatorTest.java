package dev.mailgate.deliverability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.deliverability.dns.DnsResolver;
import dev.mailgate.deliverability.dns.UdpDnsResolver;
import dev.mailgate.deliverability.internal.SpfEvaluator.Outcome;
import dev.mailgate.deliverability.internal.SpfEvaluator.Result;
import dev.mailgate.testing.dns.TestDnsServer;
import java.io.InputStream;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** RFC 7208 check_host() over real DNS queries to the test server, one policy per behaviour (zones/spf.zone). */
class SpfEvaluatorTest {
    private static TestDnsServer server;
    private static DnsResolver dns;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = SpfEvaluatorTest.class.getResourceAsStream("/zones/spf.zone")) {
            server = TestDnsServer.builder().zone(TestDnsServer.read(in)).build().start();
        }
        dns = UdpDnsResolver.of(server.address()).withTimeout(Duration.ofMillis(500), 1);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} from {1} -> {2}")
    @CsvSource({
            "ip4.test,        203.0.113.77,   PASS",
            "ip4.test,        203.0.114.1,    FAIL",
            "ip4.test,        2001:db8:5::1,  PASS",
            "ip4.test,        2001:db8:6::1,  FAIL",
            "soft.test,       192.0.2.1,      SOFTFAIL",
            "neutral.test,    192.0.2.1,      NEUTRAL",
            "include.test,    198.51.100.20,  PASS",
            "include.test,    192.0.2.1,      FAIL",
            "a.test,          192.0.2.1,      PASS",
            "a.test,          192.0.2.10,     PASS",
            "a.test,          192.0.2.12,     FAIL",
            "mx.test,         192.0.2.50,     PASS",
            "mx.test,         2001:db8::50,   PASS",
            "mx.test,         192.0.2.51,     FAIL",
            "redirect.test,   198.51.100.1,   PASS",
            "redirect.test,   192.0.2.1,      SOFTFAIL",
            "exists.test,     203.0.113.9,    PASS",
            "exists.test,     203.0.113.10,   FAIL",
            "two.test,        192.0.2.1,      PERMERROR",
            "syntax.test,     192.0.2.1,      PERMERROR",
            "unknown.test,    192.0.2.1,      PERMERROR",
            "noinclude.test,  192.0.2.1,      PERMERROR",
            "voids.test,      192.0.2.1,      PERMERROR",
            "temp.test,       192.0.2.1,      TEMPERROR",
            "other.test,      203.0.113.7,    PASS",
            "macro.test,      203.0.113.44,   PASS",
            "loop1.test,      192.0.2.1,      PERMERROR",
            "many.test,       192.0.2.1,      PERMERROR",
            "missing.test,    192.0.2.1,      NONE",
    })
    void checkHost(String domain, String ip, Result expected) {
        Outcome outcome = SpfEvaluator.evaluate(dns, SpfEvaluator.parseIp(ip), domain, "bounce@" + domain);
        assertThat(outcome.result()).as(outcome.matched()).isEqualTo(expected);
    }

    @Test
    void tooManyLookupsNamesTheEleventh() {
        Outcome o = SpfEvaluator.evaluate(dns, SpfEvaluator.parseIp("192.0.2.1"), "many.test", null);
        assertThat(o.matched()).startsWith("more than 10 DNS lookups").contains("the 11th is \"include:i6.test\" in many.test");
    }

    @Test
    void auditWithoutIpWalksEverythingAndCountsTheWorstCase() {
        Outcome o = SpfEvaluator.evaluate(dns, null, "include.test", null);
        assertThat(o.result()).isEqualTo(Result.FAIL); // the policy's own "-all"
        assertThat(o.lookups()).isEqualTo(1);
        assertThat(o.record()).isEqualTo("v=spf1 include:_spf.provider.test -all");
        assertThat(SpfEvaluator.evaluate(dns, null, "many.test", null).result()).isEqualTo(Result.PERMERROR);
        Outcome exists = SpfEvaluator.evaluate(dns, null, "exists.test", null);
        assertThat(exists.lookups()).isEqualTo(1);
        assertThat(exists.result()).isEqualTo(Result.FAIL);
    }

    @Test
    void warnsAboutPtrAndPlusAll() {
        assertThat(SpfEvaluator.evaluate(dns, SpfEvaluator.parseIp("203.0.113.7"), "ptr.test", null).warnings()).anyMatch(w -> w.contains("\"ptr\" is slow and deprecated"));
        assertThat(SpfEvaluator.evaluate(dns, null, "plusall.test", null).warnings()).anyMatch(w -> w.contains("authorizes every host"));
    }
}
