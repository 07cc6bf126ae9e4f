package dev.mailgate.core.spi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.Mailgate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailgateTest {
    @Test
    void unknownProviderSaysWhichArtifactIsMissing() {
        assertThatThrownBy(() -> Mailgate.transport("nosuch", Map.of()))
                .isInstanceOf(ProviderConfigException.class)
                .hasMessageContaining("nosuch").hasMessageContaining("mailgate-provider-nosuch");
    }
}
