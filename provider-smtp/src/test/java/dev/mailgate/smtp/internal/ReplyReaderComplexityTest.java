package dev.mailgate.smtp.internal;

import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.testing.complexity.LinearGrowth;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The SMTP reply reader's time grows linearly with what a lying server controls: the length of its reply lines
 * (up to the reader's 4,096-octet bound), the lines of a multi-line reply (up to 200) and the number of replies.
 * Bounded dimensions are measured on a batch of replies so a step takes long enough to time (see LinearGrowth).
 */
class ReplyReaderComplexityTest {
    private static final int BATCH = 20_000;

    @Test
    void lineLength() {
        assertLinear(LinearGrowth.of("ReplyReader: line length").startSize(256).maxSize(4096).doublings(4),
                n -> stream(BATCH, "250 2.0.0 " + "x".repeat(n - 12) + "\r\n"), BATCH);
    }

    @Test
    void linesOfAMultiLineReply() {
        assertLinear(LinearGrowth.of("ReplyReader: lines of a multi-line reply").startSize(12).maxSize(192).doublings(4),
                n -> stream(BATCH, "250-8BITMIME PIPELINING SIZE 10240000\r\n".repeat(n - 1) + "250 SMTPUTF8\r\n"), BATCH);
    }

    @Test
    void replies() {
        assertLinear(LinearGrowth.of("ReplyReader: replies in one session").startSize(1024),
                n -> new Session(stream(n, "550-5.1.1 <u@example.org>: unknown\r\n550 5.1.1 try another\r\n"), n), null);
    }

    private record Session(byte[] bytes, int replies) {
    }

    private static void assertLinear(LinearGrowth.Builder check, java.util.function.IntFunction<?> input, Integer fixedReplies) {
        System.out.println("[complexity] " + check.check(input, in -> {
            Session s = in instanceof Session session ? session : new Session((byte[]) in, fixedReplies);
            ReplyReader reader = new ReplyReader(new ByteArrayInputStream(s.bytes()), InputLimits.defaults());
            int codes = 0;
            try {
                for (int i = 0; i < s.replies(); i++) {
                    codes += reader.read().code();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return codes;
        }));
    }

    private static byte[] stream(int replies, String reply) {
        return reply.repeat(replies).getBytes(StandardCharsets.US_ASCII);
    }
}
