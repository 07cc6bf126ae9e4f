package dev.mailgate.cloudmailin.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.testing.complexity.LinearGrowth;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The CloudMailin webhook codec reads POSTs from the internet: its time grows linearly with the events of a POST,
 * the fields of an event and the length of a field. Nesting has no growth to measure: the codec's parser refuses
 * payloads nested deeper than 64 levels (StreamReadConstraints), so a deeper one costs what 64 levels cost.
 *
 * <p>Event counts stay at most 8,192-16,384: past that the JSON tree and the events of one decode outgrow the caches
 * of a shared machine and a doubling costs about 2.6 times in CPU time with the same number of steps.
 */
class CloudMailinWebhookCodecComplexityTest {
    private static final CloudMailinWebhookCodec CODEC = new CloudMailinWebhookCodec();

    @Test
    void events() {
        IntFunction<byte[]> payload = n -> bytes("{\"events\":[" + join(n, i -> "{\"kind\":\"auto_reply\",\"recipient\":\"user" + i
                + "@example.net\",\"message_id\":\"id-" + i + "\",\"details\":{\"subject\":\"Out of office\"}}") + "]}");
        assertThat(CODEC.decode(payload.apply(10), Instant.EPOCH)).hasSize(10);
        check("CloudMailinWebhookCodec: events", 256, 1 << 13, 1, payload);
    }

    @Test
    void fieldsOfAnEvent() {
        IntFunction<byte[]> payload = n -> bytes("{\"events\":[{\"kind\":\"auto_reply\",\"recipient\":\"user@example.net\","
                + "\"message_id\":\"m\",\"details\":{" + join(n, i -> "\"x" + i + "\":\"v" + i + "\"") + "}}]}");
        check("CloudMailinWebhookCodec: fields of an event", 256, 1 << 18, 1, payload);
    }

    @Test
    void fieldLength() {
        IntFunction<byte[]> payload = n -> bytes("{\"events\":[{\"kind\":\"auto_reply\",\"recipient\":\"user@example.net\","
                + "\"message_id\":\"m\",\"details\":{\"subject\":\"" + "s".repeat(n) + "\"}}]}");
        check("CloudMailinWebhookCodec: field length", 1 << 14, 1 << 23, 1, payload);
    }

    /** Payloads stay under the codec's 10 MB limit ({@code max}). */
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
