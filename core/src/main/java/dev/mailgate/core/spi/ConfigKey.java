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
}
