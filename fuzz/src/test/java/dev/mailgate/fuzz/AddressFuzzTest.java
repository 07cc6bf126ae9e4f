package dev.mailgate.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;

/** The address parser: only InvalidAddressException, and what it accepts prints and re-parses to itself. */
class AddressFuzzTest {

    @FuzzTest(maxDuration = FuzzBudget.CI)
    void parse(byte @NotNull [] bytes) {
        String input = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        EmailAddress address;
        try {
            address = Bounded.call("EmailAddress.parse", () -> EmailAddress.parse(input));
        } catch (InvalidAddressException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        String printed = address.toString();
        assertThat(printed).doesNotContain("\r", "\n", "\0");
        assertThat(EmailAddress.parse(printed)).isEqualTo(address);
        assertThat(EmailAddress.parse(address.address()).address()).isEqualTo(address.address());
    }
}
