package dev.mailgate.springboot.autoconfigure.properties;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds a provider's string configuration from typed properties: only the keys that were set, so the provider's
 * own defaults apply to the rest (one place for defaults, the provider's).
 */
final class ProviderKeys {
    private final Map<String, String> map = new LinkedHashMap<>();

    ProviderKeys put(String key, Object value) {
        if (value != null && !(value instanceof String s && s.isEmpty())) {
            map.put(key, String.valueOf(value));
        }
        return this;
    }

    Map<String, String> build() {
        return Map.copyOf(map);
    }
}
