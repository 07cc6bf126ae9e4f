package dev.mailgate.bounce.verp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.address.EmailAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VerpTest {
    private static final byte[] SECRET = "test-secret-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final Verp verp = Verp.addressBased("bounces", "mta.example.com", SECRET);

    @Test
    void roundTripsRecipientAndToken() {
        EmailAddress encoded = verp.encode(EmailAddress.parse("Jane.Doe+news@Example.org"), "c42");
        assertThat(encoded.domain()).isEqualTo("mta.example.com");
        assertThat(encoded.localPart()).startsWith("bounces+Jane.Doe+news=example.org+c42-");

        VerpAddress decoded = verp.decode(encoded.address()).orElseThrow();
        assertThat(decoded.recipient()).contains(EmailAddress.parse("Jane.Doe+news@example.org"));
        assertThat(decoded.token()).contains("c42");
    }

    @Test
    void decodesWhateverCaseTheReturnPathComesBackIn() {
        String encoded = verp.encode(EmailAddress.parse("jane@example.org")).address();
        assertThat(verp.decode("<" + encoded.toUpperCase() + ">")).isPresent();
    }

    @Test
    void rejectsForgedAlteredAndForeignAddresses() {
        String encoded = verp.encode(EmailAddress.parse("jane@example.org")).address();
        String forged = encoded.replace("jane=", "john=");
        assertThat(verp.decode(forged)).as("altered recipient").isEmpty();
        assertThat(Verp.addressBased("bounces", "mta.example.com", "another-secret-0123456789".getBytes()).decode(encoded))
                .as("another key").isEmpty();
        assertThat(verp.decode(encoded.replace("@mta.example.com", "@evil.example"))).as("another domain").isEmpty();
        assertThat(verp.decode("bounces+jane=example.org@mta.example.com")).as("no MAC").isEmpty();
        assertThat(verp.decode("newsletter@mta.example.com")).isEmpty();
        assertThat(verp.decode("not an address")).isEmpty();
    }

    @Test
    void tokenOnlyIsCloudMailinsShape() {
        Verp tokens = Verp.tokenOnly("bounces", "mta.example.com", SECRET);
        EmailAddress encoded = tokens.encode("12345");
        assertThat(encoded.address()).matches("bounces\\+12345-[a-z2-7]{8}@mta\\.example\\.com");
        VerpAddress decoded = tokens.decode(encoded.address()).orElseThrow();
        assertThat(decoded.token()).contains("12345");
        assertThat(decoded.recipient()).isEmpty();
        assertThatThrownBy(() -> tokens.encode(EmailAddress.parse("jane@example.org"))).isInstanceOf(VerpException.class);
    }

    @Test
    void refusesWhatCannotBeCarriedSafely() {
        String longLocal = "a".repeat(50);
        assertThatThrownBy(() -> verp.encode(EmailAddress.parse(longLocal + "@example.org")))
                .isInstanceOf(VerpException.class).hasMessageContaining("RFC 5321 4.5.3.1.1").hasMessageContaining("64");
        assertThatThrownBy(() -> verp.encode(EmailAddress.parse("jane@example.org"), "bad token!"))
                .isInstanceOf(VerpException.class).hasMessageContaining("token");
        assertThatThrownBy(() -> Verp.addressBased("bounces", "mta.example.com", new byte[8]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16 bytes");
    }
}
