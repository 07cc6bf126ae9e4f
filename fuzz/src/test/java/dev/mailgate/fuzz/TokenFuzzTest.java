package dev.mailgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.mailgate.bounce.verp.Verp;
import dev.mailgate.bounce.verp.VerpAddress;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.suppression.unsubscribe.InvalidTokenException;
import dev.mailgate.suppression.unsubscribe.UnsubscribeRequest;
import dev.mailgate.suppression.unsubscribe.UnsubscribeTokens;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The two HMAC-protected decoders that read attacker-controlled text: a VERP return path and an unsubscribe token.
 * Garbage is refused the documented way (empty / InvalidTokenException), never accepted, and a forged input cannot
 * name a recipient; genuine values round-trip.
 */
class TokenFuzzTest {
    private static final byte[] SECRET = "fuzz-secret-0123456789-0123456789-abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Verp VERP = Verp.addressBased("bounces", "mta.example.com", SECRET);
    private static final UnsubscribeTokens TOKENS = UnsubscribeTokens.of("k1", SECRET);

    @FuzzTest(maxDuration = FuzzBudget.CI)
    void verpDecode(byte @NotNull [] bytes) {
        String returnPath = new String(bytes, StandardCharsets.UTF_8);
        Optional<VerpAddress> decoded = Bounded.call("Verp.decode", () -> VERP.decode(returnPath));
        // anything that decodes must be what we would have encoded for that recipient
        decoded.ifPresent(d -> d.recipient().ifPresent(r -> assertThat(VERP.decode(VERP.encode(r).address())).isPresent()));
    }

    @FuzzTest(maxDuration = FuzzBudget.CI)
    void unsubscribeVerify(byte @NotNull [] bytes) {
        String token = new String(bytes, StandardCharsets.UTF_8);
        UnsubscribeRequest request;
        try {
            request = Bounded.call("UnsubscribeTokens.verify", () -> TOKENS.verify(token));
        } catch (InvalidTokenException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        // A fuzzer cannot forge an HMAC-SHA256: anything accepted is a token we issued, so it re-issues the same way.
        assertThat(request.recipient()).isNotNull();
        EmailAddress recipient = request.recipient();
        assertThat(TOKENS.verify(TOKENS.issue(recipient, request.campaign(), java.time.Duration.ofDays(1))).recipient()).isEqualTo(recipient);
    }
}
