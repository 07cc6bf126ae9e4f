package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.bounce.mailbox.PollResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BounceMailboxExampleTest {
    @Test
    void theBounceIsHandledAndTheAddressBlocked() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PollResult result = BounceMailboxExample.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(result.handled()).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 bounce(s) handled").contains("Mailgate/Processed")
                .contains("jane@example.org=SUPPRESSED");
    }
}
