package dev.mailgate.deliverability.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.deliverability.dns.DnsException;
import dev.mailgate.deliverability.dns.DnsType;
import dev.mailgate.testing.complexity.LinearGrowth;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The DNS response parser reads datagrams anyone on the path can forge: its time grows linearly with the answer
 * records, the strings of a TXT record, and the CNAME chain. (Compression pointers are bounded per name, 64 jumps
 * and 254 octets, so a name costs a bounded number of steps.)
 *
 * <p>Every input is a message a server could send: at most {@link DnsWire#MAX_MESSAGE} octets (RFC 1035 section
 * 4.2.2), names compressed as servers compress them. Inputs beyond that are refused before any parsing (see
 * DnsWireTest), and timing them measured the machine's caches, not the parser.
 */
class DnsWireComplexityTest {
    private static final int ID = 0x1234;
    /** Header (12) plus the question example.com TXT (17): where the first answer starts. */
    private static final int ANSWERS_START = 29;
    private static final byte[] POINTER_TO_QUESTION = {(byte) 0xC0, 12};

    @Test
    void answerRecords() {
        // every owner name a compression pointer to the question (RFC 1035 section 4.1.4); 18 octets a record
        IntFunction<byte[]> response = n -> response(n, i -> txt(POINTER_TO_QUESTION, Integer.toString(i, 36)));
        assertThat(DnsWire.parse(response.apply(5), response.apply(5).length, ID, "example.com", DnsType.TXT).records()).hasSize(5);
        check("DnsWire: answer records", 256, 3_000, 400, response);
    }

    @Test
    void stringsOfOneTxtRecord() {
        IntFunction<byte[]> response = n -> {
            ByteArrayOutputStream rdata = new ByteArrayOutputStream();
            for (int i = 0; i < n; i++) {
                rdata.write(3);
                rdata.writeBytes(new byte[] {'a', 'b', 'c'});
            }
            byte[] data = rdata.toByteArray();
            return response(1, i -> record(POINTER_TO_QUESTION, 16, data));
        };
        check("DnsWire: strings of one TXT record", 256, 16_373, 400, response);
    }

    @Test
    void cnameChain() {
        // example.com -> c0.example.com -> c1.example.com -> ...; every alias, as owner and as data, one label and a
        // pointer to example.com in the question, as a server compresses it: 26 octets a record
        IntFunction<byte[]> response = n -> response(n, i -> record(i == 0 ? POINTER_TO_QUESTION : alias(i - 1), 5, alias(i)));
        byte[] three = response.apply(3);
        assertThat(DnsWire.parse(three, three.length, ID, "example.com", DnsType.TXT).chain()).hasSize(3);
        check("DnsWire: CNAME chain", 256, 3_000, 400, response);
    }

    /**
     * A response holds at most 65,535 octets, so each run parses it {@code batch} times for a step long enough to
     * time.
     */
    private static void check(String what, int start, int max, int batch, IntFunction<byte[]> response) {
        byte[] largest = response.apply(Integer.highestOneBit(max));
        assertThat(largest.length).as("the largest input is a message DNS allows").isLessThanOrEqualTo(DnsWire.MAX_MESSAGE);
        System.out.println("[complexity] " + LinearGrowth.of(what).startSize(start).maxSize(max).check(response, m -> {
            int records = 0;
            for (int i = 0; i < batch; i++) {
                try {
                    records += DnsWire.parse(m, m.length, ID, "example.com", DnsType.TXT).records().size();
                } catch (DnsException refused) {
                    records += refused.getMessage().length();
                }
            }
            return records;
        }));
    }

    private static ByteArrayOutputStream header(int answers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x12, 0x34, (byte) 0x81, (byte) 0x80, 0, 1, (byte) (answers >> 8), (byte) answers, 0, 0, 0, 0});
        out.writeBytes(name("example.com"));
        out.writeBytes(new byte[] {0, 16, 0, 1});
        assertThat(out.size()).isEqualTo(ANSWERS_START);
        return out;
    }

    private static byte[] response(int answers, IntFunction<byte[]> answer) {
        ByteArrayOutputStream out = header(answers);
        for (int i = 0; i < answers; i++) {
            out.writeBytes(answer.apply(i));
        }
        return out.toByteArray();
    }

    private static byte[] alias(int i) {
        byte[] label = ("c" + Integer.toString(i, 36)).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(label.length);
        out.writeBytes(label);
        out.writeBytes(POINTER_TO_QUESTION);
        return out.toByteArray();
    }

    private static byte[] txt(byte[] owner, String text) {
        byte[] data = new byte[text.length() + 1];
        data[0] = (byte) text.length();
        System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, data, 1, text.length());
        return record(owner, 16, data);
    }

    private static byte[] record(byte[] owner, int type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(owner);
        out.writeBytes(new byte[] {0, (byte) type, 0, 1, 0, 0, 0x0e, 0x10, (byte) (data.length >> 8), (byte) data.length});
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] name(String dotted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String label : dotted.split("\\.")) {
            out.write(label.length());
            out.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
        }
        out.write(0);
        return out.toByteArray();
    }
}
