package dev.mailgate.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailgate.core.spi.ProviderConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpConfigTest {
    @Test
    void thePoolDefaultsTheDocsTableGivesCanBeReadBack() {
        // docs/transports.md "Settings and their defaults": users asked where these were (issue 24)
        SmtpConfig config = SmtpConfig.builder("smtp.example.com").build();
        assertThat(config.maxConnections()).isEqualTo(4);
        assertThat(config.maxMessagesPerConnection()).isEqualTo(100);
        assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxConnectionAge()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.port()).isEqualTo(587);
        assertThat(config.tlsMode()).isEqualTo(TlsMode.STARTTLS_REQUIRED);
        assertThat(config.verifiesHostname()).isTrue();
    }

    @Test
    void theMapFormNamesTheKeyOfEveryBadValue() {
        assertThatThrownBy(() -> SmtpProvider.config(Map.of("host", "h", "port", "seventy")))
                .isInstanceOf(ProviderConfigException.class).hasMessageContaining("port").hasMessageContaining("whole number");
        assertThatThrownBy(() -> SmtpProvider.config(Map.of("host", "h", "max-connections", "0")))
                .isInstanceOf(ProviderConfigException.class).hasMessageContaining("max-connections").hasMessageContaining("between 1 and 1000");
        assertThatThrownBy(() -> SmtpProvider.config(Map.of("host", "h", "trust-store", "/nonexistent/ca.p12")))
                .isInstanceOf(ProviderConfigException.class).hasMessageContaining("trust-store").hasMessageContaining("/nonexistent/ca.p12");
        assertThat(SmtpProvider.config(Map.of("host", "h", "port", "465")).tlsMode()).isEqualTo(TlsMode.IMPLICIT);
    }
}
