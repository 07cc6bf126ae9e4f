package dev.mailgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import dev.mailgate.cloudmailin.webhook.CloudMailinWebhookCodec;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.smtp.callback.GenericSmtpCallbackCodec;
import java.time.Instant;
import java.util.List;

/**
 * The two JSON codecs that read POSTs from the internet: only CallbackFormatException (naming where the payload is
 * wrong), never an unchecked surprise; what decodes is a list of events with no nulls.
 */
class CallbackCodecFuzzTest {
    private static final CallbackCodec GENERIC = new GenericSmtpCallbackCodec();
    private static final CallbackCodec CLOUDMAILIN = new CloudMailinWebhookCodec();

    @FuzzTest(maxDuration = FuzzBudget.CI)
    void genericSmtp(byte @NotNull @WithLength(max = FuzzBudget.MAX_LENGTH) [] payload) {
        decode(GENERIC, payload);
    }

    @FuzzTest(maxDuration = FuzzBudget.CI)
    void cloudMailin(byte @NotNull @WithLength(max = FuzzBudget.MAX_LENGTH) [] payload) {
        decode(CLOUDMAILIN, payload);
    }

    private static void decode(CallbackCodec codec, byte[] payload) {
        List<MailEvent> events;
        try {
            events = Bounded.call(codec.format() + " decode", payload.length, () -> codec.decode(payload, Instant.EPOCH));
        } catch (CallbackFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            assertThat(expected.location()).isNotNull();
            return;
        }
        assertThat(events).isNotNull().doesNotContainNull();
    }
}
