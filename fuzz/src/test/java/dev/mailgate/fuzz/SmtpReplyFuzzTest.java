package dev.mailgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.code_intelligence.jazzer.mutation.annotation.WithLength;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.transport.SmtpReply;
import dev.mailgate.smtp.internal.ReplyReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The SMTP reply reader on whatever a lying server sends: replies are read or an IOException (a ProtocolException
 * saying what was malformed, or the end of the stream) ends the session; codes are always 200..599.
 */
class SmtpReplyFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.CI)
    void read(byte @NotNull @WithLength(max = FuzzBudget.MAX_LENGTH) [] serverBytes) {
        ReplyReader reader = new ReplyReader(new ByteArrayInputStream(serverBytes), InputLimits.defaults());
        Bounded.call("ReplyReader.read", serverBytes.length, () -> {
            for (int replies = 0; replies < 10_000; replies++) {
                SmtpReply reply;
                try {
                    reply = reader.read();
                } catch (IOException endOrMalformed) {
                    assertThat(endOrMalformed.getMessage()).isNotBlank();
                    return null;
                }
                assertThat(reply.code()).isBetween(200, 599);
                reply.status().ifPresent(s -> assertThat(s.toString().charAt(0) - '0').isEqualTo(reply.code() / 100));
            }
            throw new AssertionError("more replies than bytes could hold");
        });
    }
}
