package dev.mailgate.deliverability.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.deliverability.dns.DnsException;
import dev.mailgate.deliverability.dns.DnsType;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Hostile and mismatched responses: each is a DnsException that says what was wrong, never an index error or a hang. */
class DnsWireTest {
    /** id 0x1234, QR+RD+RA, 1 question example.com A, 1 answer via pointer 0xc00c, 192.0.2.1. */
    private static final String GOOD = "1234" + "8180" + "0001" + "0001" + "0000" + "0000"
            + "076578616d706c6503636f6d00" + "0001" + "0001"
            + "c00c" + "0001" + "0001" + "0000012c" + "0004" + "c0000201";

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    @Test
    void readsACompressedAnswer() {
        byte[] m = hex(GOOD);
        assertThat(DnsWire.parse(m, m.length, 0x1234, "example.com", DnsType.A).values()).containsExactly("192.0.2.1");
    }

    @Test
    void refusesAMessageLongerThanDnsAllows() {
        byte[] m = java.util.Arrays.copyOf(hex(GOOD), DnsWire.MAX_MESSAGE + 1);
        assertThatThrownBy(() -> DnsWire.parse(m, m.length, 0x1234, "example.com", DnsType.A)).isInstanceOf(DnsException.class)
                .hasMessageContaining("65536 octets is longer than a DNS message can be");
    }

    @Test
    void refusesAnswersToAnotherQuestion() {
        byte[] m = hex(GOOD);
        assertThatThrownBy(() -> DnsWire.parse(m, m.length, 0x4321, "example.com", DnsType.A)).isInstanceOf(DnsException.class)
                .hasMessageContaining("does not match query id");
        assertThatThrownBy(() -> DnsWire.parse(m, m.length, 0x1234, "example.org", DnsType.A)).isInstanceOf(DnsException.class)
                .hasMessageContaining("not the question example.org");
    }

    @Test
    void onlyTheAnswerToOurQuestionIsOurs() {
        byte[] m = hex(GOOD);
        assertThat(DnsWire.answers(m, m.length, 0x1234, "EXAMPLE.com.", DnsType.A)).isTrue();
        assertThat(DnsWire.answers(m, m.length, 0x1235, "example.com", DnsType.A)).as("another id").isFalse();
        assertThat(DnsWire.answers(m, m.length, 0x1234, "example.org", DnsType.A)).as("another name").isFalse();
        assertThat(DnsWire.answers(m, m.length, 0x1234, "example.com", DnsType.TXT)).as("another type").isFalse();
        assertThat(DnsWire.answers(m, 5, 0x1234, "example.com", DnsType.A)).as("garbled").isFalse();
    }

    @Test
    void pointerLoopsAndOverrunsAreMalformed() {
        byte[] loop = hex(GOOD.replace("c00c0001000100", "c02d0001000100") + "c02d");
        assertThatThrownBy(() -> DnsWire.parse(loop, loop.length, 0x1234, "example.com", DnsType.A)).isInstanceOf(DnsException.class)
                .hasMessageContaining("malformed");
        byte[] m = hex(GOOD);
        for (int cut = 0; cut < m.length; cut++) {
            int length = cut;
            assertThatThrownBy(() -> DnsWire.parse(m, length, 0x1234, "example.com", DnsType.A)).as("cut at %d", cut)
                    .isInstanceOf(DnsException.class);
        }
        byte[] longData = hex(GOOD.replace("0004c0000201", "00ffc0000201"));
        assertThatThrownBy(() -> DnsWire.parse(longData, longData.length, 0x1234, "example.com", DnsType.A))
                .isInstanceOf(DnsException.class).hasMessageContaining("runs past the end");
    }

    @Test
    void queryCarriesEdns0() {
        byte[] q = DnsWire.query(7, "example.com.", DnsType.TXT);
        assertThat(HexFormat.of().formatHex(q)).isEqualTo("000701000001000000000001" + "076578616d706c6503636f6d00" + "0010" + "0001"
                + "00" + "0029" + "04d0" + "00000000" + "0000"); // OPT record: 1232-octet UDP payload (RFC 6891)
    }
}
