package dev.mailgate.core.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * One key a provider reads from its {@code Map<String, String>} configuration, for framework authors who map
 * their own property files onto providers.
 *
 * @param name e.g. {@code host}
 * @param required whether the transport cannot be created without it
 * @param defaultValue the value used when the key is absent
 * @param description what it means, for people
 */
public record ConfigKey(String name, boolean required, Optional<String> defaultValue, String description) {
    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(description, "description");
    }

    public static ConfigKey required(String name, String description) {
        return new ConfigKey(name, true, Optional.empty(), description);
    }

    public static ConfigKey optional(String name, String defaultValue, String description) {
        return new ConfigKey(name, false, Optional.ofNullable(defaultValue), description);
    }

    /**
     * Checks a provider's string configuration against its keys: a key it does not know (a typo) and a required
     * key that is missing or blank are errors naming the key, so nothing is silently ignored.
     *
     * @throws ProviderConfigException for the first unknown or missing key
     */
    public static void check(String provider, java.util.List<ConfigKey> keys, java.util.Map<String, String> config) {
        java.util.Set<String> known = new java.util.TreeSet<>();
        keys.forEach(k -> known.add(k.name()));
        for (String key : config.keySet()) {
            if (!known.contains(key)) {
                throw new ProviderConfigException(provider, key, "unknown key; known keys: " + known);
            }
        }
        for (ConfigKey key : keys) {
            String value = config.get(key.name());
            if (key.required() && (value == null || value.isBlank())) {
                throw new ProviderConfigException(provider, key.name(), "required: " + key.description());
            }
        }
    }
}
