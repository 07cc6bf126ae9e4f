package dev.mailgate.smtp;

import dev.mailgate.core.spi.ProviderConfigException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;

/**
 * The settings every provider preset reads alike from its {@code MailProvider.createTransport} map: {@code port},
 * {@code trust-store} and {@code trust-store-password}. They live here, once, so that each provider module parses
 * them the same way and reports a bad value the same way; the provider-specific keys (region, API key, ...) stay in
 * the provider's own {@code config(Map)}.
 */
public final class PresetSettings {
    private PresetSettings() {
    }

    /**
     * The {@code port} setting, if given. Whether the number is a port the provider serves is the preset builder's
     * check, not this one's.
     *
     * @param provider the provider id the error names
     * @throws ProviderConfigException naming {@code port} when the value is not a whole number
     */
    public static OptionalInt port(String provider, Map<String, String> map) {
        String value = map.get("port");
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.strip()));
        } catch (NumberFormatException e) {
            throw new ProviderConfigException(provider, "port", "not a number: " + e.getMessage());
        }
    }

    /**
     * The trust material the {@code trust-store} file (with {@code trust-store-password}, default empty) holds, if
     * one is given: see {@link TrustStores#fromFile}.
     *
     * @throws ProviderConfigException naming {@code trust-store} when the file cannot be loaded
     */
    public static Optional<SSLContext> trustStore(Map<String, String> map) {
        String path = map.get("trust-store");
        if (path == null) {
            return Optional.empty();
        }
        return Optional.of(TrustStores.fromFile(path, map.getOrDefault("trust-store-password", "")));
    }
}
