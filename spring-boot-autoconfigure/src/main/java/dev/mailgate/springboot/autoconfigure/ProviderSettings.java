package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.smtp.SmtpConfig;
import java.util.Map;
import java.util.Optional;

/**
 * The provider in use and its resolved string settings (SSL bundle applied), shared by the transport and the health
 * check so that both talk to the same server with the same trust.
 *
 * @param smtp the settings as an {@link SmtpConfig} when the provider is plain SMTP (what the health check probes)
 */
public record ProviderSettings(String id, Map<String, String> settings, Optional<SmtpConfig> smtp) {
    public ProviderSettings {
        settings = Map.copyOf(settings);
    }

    @Override
    public String toString() {
        // settings hold the password
        return "ProviderSettings[" + id + ", keys " + new java.util.TreeSet<>(settings.keySet()) + "]";
    }
}
