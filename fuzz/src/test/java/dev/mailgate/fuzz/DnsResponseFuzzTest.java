package dev.mailgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import dev.mailgate.deliverability.dns.DnsAnswer;
import dev.mailgate.deliverability.dns.DnsException;
import dev.mailgate.deliverability.dns.DnsType;
import dev.mailgate.deliverability.internal.DnsWire;

/** The DNS response parser on any datagram: an answer or a DnsException, never an index error or a pointer loop. */
class DnsResponseFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.CI)
    void parse(byte @NotNull @WithLength(max = 65_535) [] datagram) {
        check(datagram, DnsType.TXT);
        check(datagram, DnsType.A);
    }

    private static void check(byte[] datagram, DnsType type) {
        int id = datagram.length >= 2 ? (datagram[0] & 0xff) << 8 | (datagram[1] & 0xff) : 0;
        try {
            DnsAnswer answer = Bounded.call("DnsWire.parse", datagram.length, () -> DnsWire.parse(datagram, datagram.length, id, "example.com", type));
            assertThat(answer.records()).allSatisfy(r -> assertThat(r.type()).isEqualTo(type));
        } catch (DnsException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
