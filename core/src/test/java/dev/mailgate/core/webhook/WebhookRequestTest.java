package dev.mailgate.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounded body: a webhook adapter never holds more than the limit + 1 byte of a request in memory. */
class WebhookRequestTest {
    private static final int LIMIT = 64 * 1024;

    /** A body of {@code length} bytes that is generated as it is read, counting what was consumed. */
    static final class EndlessBody extends InputStream {
        private final long length;
        long consumed;

        EndlessBody(long length) {
            this.length = length;
        }

        @Override
        public int read() {
            return consumed < length ? (int) (consumed++ & 0x3F) + 32 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (consumed >= length) {
                return -1;
            }
            int n = (int) Math.min(len, length - consumed);
            java.util.Arrays.fill(b, off, off + n, (byte) 'x');
            consumed += n;
            return n;
        }
    }

    private final WebhookHandler handler = WebhookHandler.builder(WebhookHandlerTest.LINES).authenticator(WebhookAuthenticator.none())
            .maxBodyBytes(LIMIT).listener(events -> { }).build();

    @Test
    void aBodyOverTheLimitIsReadOnlyToLimitPlusOneAndAnswered413() throws Exception {
        EndlessBody twoGigabytes = new EndlessBody(2L << 30);
        WebhookRequest r = WebhookRequest.read("POST", Map.of(), twoGigabytes, handler.maxBodyBytes());
        assertThat(twoGigabytes.consumed).isEqualTo(LIMIT + 1);
        assertThat(r.bodyTruncated()).isTrue();
        assertThat(r.body()).isEmpty();
        WebhookResponse response = handler.handle(r);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.error()).contains("exceeds the maximum (" + LIMIT + ", InputLimits.maxPayloadBytes); not read past it");
    }

    @Test
    void aBodyAtTheLimitIsReadWhole() throws Exception {
        byte[] exactly = "open a@example.org".repeat(LIMIT / 18).getBytes(StandardCharsets.UTF_8);
        byte[] body = java.util.Arrays.copyOf(exactly, LIMIT);
        java.util.Arrays.fill(body, exactly.length, LIMIT, (byte) '\n');
        WebhookRequest r = WebhookRequest.read("POST", Map.of(), new ByteArrayInputStream(body), LIMIT);
        assertThat(r.bodyTruncated()).isFalse();
        assertThat(r.body()).isEqualTo(body);
        assertThat(handler.handle(r).status()).isNotEqualTo(413);
        WebhookRequest small = WebhookRequest.read("POST", Map.of(), new ByteArrayInputStream("open a@example.org".getBytes(StandardCharsets.UTF_8)), LIMIT);
        assertThat(handler.handle(small).status()).isEqualTo(200);
    }

    @Test
    void aTruncatedRequestIsNeverDecodedEvenByAHandlerWithAHigherLimit() throws Exception {
        // Read with a smaller limit than the handler's: the cut-off body must not pass for a whole one.
        WebhookRequest r = WebhookRequest.read("POST", Map.of(), new EndlessBody(1000), 100);
        assertThat(handler.handle(r).status()).isEqualTo(413);
    }
}
