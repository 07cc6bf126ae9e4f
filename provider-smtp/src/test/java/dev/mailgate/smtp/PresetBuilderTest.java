package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.spi.ProviderConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every preset's builder inherits: overrides, the map's connection keys, tuning after the preset. */
class PresetBuilderTest {
    /** The smallest preset: a default host, implicit TLS on 465, and a setting of its own the caller may tune. */
    static final class ExamplePreset extends PresetBuilder<ExamplePreset> {
        ExamplePreset() {
            super(587);
        }

        SmtpConfig build() {
            SmtpConfig.Builder smtp = smtpBuilder("smtp.example.net", port() == 465 ? TlsMode.IMPLICIT : TlsMode.STARTTLS_REQUIRED)
                    .credentials("user", "secret").maxMessagesPerConnection(50);
            return preset(smtp, "Example", "the secret would go in clear text");
        }

        @Override
        protected ExamplePreset self() {
            return this;
        }
    }

    @Test
    void theDefaultsAreThePresetsAndAnOverrideWins() {
        SmtpConfig defaults = new ExamplePreset().build();
        assertThat(defaults.host()).isEqualTo("smtp.example.net");
        assertThat(defaults.port()).isEqualTo(587);
        assertThat(defaults.tlsMode()).isEqualTo(TlsMode.STARTTLS_REQUIRED);

        SmtpConfig overridden = new ExamplePreset().host("relay.test").port(465).build();
        assertThat(overridden.host()).isEqualTo("relay.test");
        assertThat(overridden.tlsMode()).isEqualTo(TlsMode.IMPLICIT);
    }

    @Test
    void theCallersTuningComesAfterThePresetsSettings() {
        assertThat(new ExamplePreset().build().maxMessagesPerConnection()).isEqualTo(50);
        assertThat(new ExamplePreset().smtp(s -> s.maxMessagesPerConnection(7)).build().maxMessagesPerConnection()).isEqualTo(7);
    }

    @Test
    void tuningCannotTurnTlsOffOrStopVerifyingTheHostName() {
        assertThatThrownBy(() -> new ExamplePreset().smtp(s -> s.tlsMode(TlsMode.NONE).allowPlaintextAuth(true)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the secret would go in clear text; TLS mode NONE is refused");
        assertThatThrownBy(() -> new ExamplePreset().smtp(s -> s.verifyHostname(false)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the Example preset always verifies");
    }

    @Test
    void theMapsConnectionKeysAreReadAlikeForEveryPreset() {
        SmtpConfig fromMap = new ExamplePreset().connectionSettings("example", Map.of("host", " relay.test ", "port", "465")).build();
        assertThat(fromMap.host()).isEqualTo("relay.test");
        assertThat(fromMap.port()).isEqualTo(465);
        assertThat(new ExamplePreset().connectionSettings("example", Map.of()).build().host()).isEqualTo("smtp.example.net");
        assertThatThrownBy(() -> new ExamplePreset().connectionSettings("example", Map.of("port", "x")))
                .isInstanceOfSatisfying(ProviderConfigException.class, e -> assertThat(e.key()).isEqualTo("port"));
    }
}
