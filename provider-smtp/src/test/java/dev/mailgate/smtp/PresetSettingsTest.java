package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.spi.ProviderConfigException;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The keys every provider preset's map shares, read in one place (issue 22). */
class PresetSettingsTest {
    @Test
    void aPortIsReadWithSpacesAroundAndAbsentIsEmpty() {
        assertThat(PresetSettings.port("ses", Map.of("port", " 2587 "))).isEqualTo(OptionalInt.of(2587));
        assertThat(PresetSettings.port("ses", Map.of())).isEmpty();
        assertThat(PresetSettings.trustStore(Map.of())).isEmpty();
    }

    @Test
    void aBadValueNamesTheProviderAndTheKey() {
        assertThatThrownBy(() -> PresetSettings.port("mailgun", Map.of("port", "twenty-five")))
                .isInstanceOfSatisfying(ProviderConfigException.class, e -> {
                    assertThat(e.provider()).isEqualTo("mailgun");
                    assertThat(e.key()).isEqualTo("port");
                    assertThat(e).hasMessageContaining("not a number").hasMessageContaining("twenty-five");
                });
        assertThatThrownBy(() -> PresetSettings.trustStore(Map.of("trust-store", "/nonexistent/ca.p12")))
                .isInstanceOfSatisfying(ProviderConfigException.class, e -> assertThat(e.key()).isEqualTo("trust-store"));
    }
}
