package dev.mailgate.sparkpost.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.testing.complexity.LinearGrowth;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * SparkPost posts batches from the internet: the codec's time grows linearly with the events of a batch, the
 * recipient metadata of an event and the length of a field. Nesting is bounded by InputLimits (64 levels), so it has no
 * growth to measure. Event counts stay at most 8,192 for the reason CloudMailinWebhookCodecComplexityTest gives.
 */
class SparkPostWebhookCodecComplexityTest {
    private static final SparkPostWebhookCodec CODEC = new SparkPostWebhookCodec();

    @Test
    void eventsOfABatch() {
        IntFunction<byte[]> payload = n -> bytes("[" + join(n, i -> "{\"msys\":{\"message_event\":{\"type\":\"bounce\",\"bounce_class\":\"10\","
                + "\"event_id\":\"" + i + "\",\"rcpt_to\":\"user" + i + "@example.net\",\"timestamp\":\"1454442600\",\"raw_reason\":\"550 5.1.1 "
                + "User unknown\"}}}") + "]");
        assertThat(CODEC.decode(payload.apply(10), Instant.EPOCH)).hasSize(10);
        check("SparkPostWebhookCodec: events of a batch", 256, 1 << 13, payload);
    }

    @Test
    void recipientMetadataOfAnEvent() {
        IntFunction<byte[]> payload = n -> bytes("[{\"msys\":{\"message_event\":{\"type\":\"delivery\",\"rcpt_to\":\"user@example.net\","
                + "\"rcpt_meta\":{" + join(n, i -> "\"k" + i + "\":\"v" + i + "\"") + "}}}}]");
        check("SparkPostWebhookCodec: rcpt_meta entries", 256, 1 << 17, payload);
    }

    @Test
    void fieldLength() {
        IntFunction<byte[]> payload = n -> bytes("[{\"msys\":{\"message_event\":{\"type\":\"bounce\",\"bounce_class\":\"20\",\"rcpt_to\":"
                + "\"user@example.net\",\"raw_reason\":\"452 4.2.2 " + "s".repeat(n) + "\"}}}]");
        check("SparkPostWebhookCodec: raw_reason length", 1 << 14, 1 << 23, payload);
    }

    /** Payloads stay under the codec's 10 MB limit ({@code max}). */
    private static void check(String what, int start, int max, IntFunction<byte[]> payload) {
        System.out.println("[complexity] " + LinearGrowth.of(what).startSize(start).maxSize(max).check(payload, p -> {
            try {
                return CODEC.decode(p, Instant.EPOCH).size();
            } catch (CallbackFormatException refused) {
                return refused.getMessage().length();
            }
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
