package dev.mailgate.smtp;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.ProviderConfigException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The string form of an {@link SmtpConfig} (the provider SPI's {@code Map} with the keys of
 * {@link SmtpProvider#configKeys()}), kept apart from the settings themselves: parsing and range checks are this
 * class's job (the trust-store keys are {@link PresetSettings}', as for every provider preset), and every bad value
 * becomes a {@link ProviderConfigException} naming its key.
 */
final class SmtpConfigMap {
    private SmtpConfigMap() {
    }

    static SmtpConfig parse(Map<String, String> map) {
        String provider = SmtpProvider.ID;
        ConfigKey.check(provider, new SmtpProvider().configKeys(), map);
        String host = map.get("host");
        SmtpConfig.Builder b = SmtpConfig.builder(host.strip());
        if (map.containsKey("tls")) {
            try {
                b.tlsMode(TlsMode.parse(map.get("tls")));
            } catch (IllegalArgumentException e) {
                throw new ProviderConfigException(provider, "tls", e.getMessage());
            }
        }
        if (map.containsKey("port")) {
            b.port((int) number(map, "port", 1, 65535));
        }
        boolean requiresAuth = map.containsKey("requires-auth") ? bool(map, "requires-auth") : map.containsKey("username");
        if (requiresAuth) {
            String user = map.get("username");
            String password = map.get("password");
            if (user == null || password == null) {
                throw new ProviderConfigException(provider, user == null ? "username" : "password", "required when requires-auth is true");
            }
            b.credentials(user, password);
        }
        if (map.containsKey("allow-plaintext-auth")) {
            b.allowPlaintextAuth(bool(map, "allow-plaintext-auth"));
        }
        if (map.containsKey("eight-bit-mime")) {
            b.eightBitMime(bool(map, "eight-bit-mime"));
        }
        if (map.containsKey("from")) {
            try {
                b.defaultFrom(EmailAddress.parse(map.get("from")));
            } catch (RuntimeException e) {
                throw new ProviderConfigException(provider, "from", e.getMessage());
            }
        }
        if (map.containsKey("helo-name")) {
            b.heloName(map.get("helo-name").strip());
        }
        if (map.containsKey("max-per-day")) {
            b.maxPerDay(number(map, "max-per-day", 0, Long.MAX_VALUE));
        }
        if (map.containsKey("max-per-second")) {
            b.maxPerSecond(number(map, "max-per-second", 0, 1_000_000));
        }
        if (map.containsKey("max-connections")) {
            b.maxConnections((int) number(map, "max-connections", 1, 1000));
        }
        if (map.containsKey("connect-timeout-ms")) {
            b.connectTimeout(Duration.ofMillis(number(map, "connect-timeout-ms", 1, Integer.MAX_VALUE)));
        }
        if (map.containsKey("command-timeout-ms")) {
            b.commandTimeout(Duration.ofMillis(number(map, "command-timeout-ms", 1, Integer.MAX_VALUE)));
        }
        PresetSettings.trustStore(map).ifPresent(b::sslContext);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(provider, "tls", e.getMessage());
        }
    }

    private static long number(Map<String, String> map, String key, long min, long max) {
        try {
            long v = Long.parseLong(map.get(key).strip());
            if (v < min || v > max) {
                throw new ProviderConfigException(SmtpProvider.ID, key, "must be between " + min + " and " + max + ", was " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ProviderConfigException(SmtpProvider.ID, key, "must be a whole number, was \"" + map.get(key) + "\"");
        }
    }

    private static boolean bool(Map<String, String> map, String key) {
        String v = map.get(key).strip().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw new ProviderConfigException(SmtpProvider.ID, key, "must be true or false, was \"" + map.get(key) + "\"");
        }
        return v.equals("true");
    }
}
