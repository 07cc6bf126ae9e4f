package dev.mailgate.smtp.callback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.testing.complexity.LinearGrowth;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The generic SMTP callback codec reads POSTs from the internet: its time grows linearly with the entries of a
 * callback, the groups, the length of a field, and the nesting of a payload it must refuse.
 *
 * <p>Event counts stay at most 8,192-16,384: past that the JSON tree and the events of one decode outgrow the caches
 * of a shared machine and a doubling costs about 2.6 times in CPU time with the same number of steps.
 */
class GenericSmtpCallbackCodecComplexityTest {
    private static final GenericSmtpCallbackCodec CODEC = new GenericSmtpCallbackCodec();

    @Test
    void entriesInAGroup() {
        IntFunction<byte[]> payload = n -> bytes("[{\"event\":\"hardbounce\",\"data\":["
                + join(n, i -> "{\"e\":\"user" + i + "@example.org\",\"ts\":1435322805}") + "]}]");
        assertThat(CODEC.decode(payload.apply(10), Instant.EPOCH)).hasSize(10);
        check("GenericSmtpCallbackCodec: entries in a group", 256, 1 << 14, 1, payload);
    }

    @Test
    void groups() {
        IntFunction<byte[]> payload = n -> bytes("[" + join(n, i -> "{\"event\":\"softbounce\",\"data\":[{\"e\":\"u" + i
                + "@example.org\",\"ts\":1435322805}]}") + "]");
        check("GenericSmtpCallbackCodec: groups", 256, 1 << 13, 1, payload);
    }

    @Test
    void fieldLength() {
        IntFunction<byte[]> payload = n -> bytes("[{\"event\":\"hardbounce\",\"data\":[{\"e\":\"" + "a".repeat(n)
                + "@example.org\",\"ts\":1435322805}]}]");
        check("GenericSmtpCallbackCodec: field length", 1 << 14, 1 << 23, 1, payload);
    }

    @Test
    void nestingOfARefusedPayload() {
        IntFunction<byte[]> payload = n -> bytes("[{\"event\":\"hardbounce\",\"data\":[{\"e\":" + "[".repeat(n) + "]".repeat(n) + "}]}]");
        check("GenericSmtpCallbackCodec: nesting (refused past InputLimits.maxJsonNestingDepth, 64)", 64, 1024, 2_000, payload);
    }

    /**
     * Payloads stay under the 10 MiB InputLimits.maxPayloadBytes ({@code max}); a bounded dimension (nesting) is decoded
     * {@code batch} times per run so a step takes long enough to time.
     */
    private static void check(String what, int start, int max, int batch, IntFunction<byte[]> payload) {
        System.out.println("[complexity] " + LinearGrowth.of(what).startSize(start).maxSize(max).check(payload, p -> {
            int events = 0;
            for (int i = 0; i < batch; i++) {
                try {
                    events += CODEC.decode(p, Instant.EPOCH).size();
                } catch (CallbackFormatException refused) {
                    events += refused.getMessage().length();
                }
            }
            return events;
        }));
    }

    private static String join(int n, IntFunction<String> item) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append(item.apply(i));
        }
        return b.toString();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
