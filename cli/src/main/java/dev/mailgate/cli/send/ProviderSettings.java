package dev.mailgate.cli.send;

import dev.mailgate.cli.PlaintextAuthOption;
import dev.mailgate.core.Mailgate;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.MailProvider;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The provider of {@code mailgate send} and its settings, in the string form of the provider SPI
 * ({@link MailProvider#configKeys()}), so that every provider on the class path works without code here.
 */
final class ProviderSettings {
    @Option(names = "--provider", defaultValue = "smtp", description = "the provider to send through (default smtp; episerver, cloudmailin, ...)")
    String provider;

    @Option(names = "--config", paramLabel = "FILE",
            description = "a properties file of provider settings (keys as in --set); keeps a password off the command line")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a provider setting, e.g. --set host=smtp.example.com (repeatable; overrides --config)")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--password-env", paramLabel = "VARIABLE", description = "the setting 'password' from this environment variable")
    String passwordEnv;

    @Mixin
    PlaintextAuthOption plaintextAuth;

    /** A provider setting is missing, unknown or cannot be read; the text names it. */
    static final class SettingsException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        SettingsException(String message) {
            super(message);
        }
    }

    MailProvider provider() {
        return Mailgate.provider(provider).orElseThrow(() -> new SettingsException("no provider \"" + provider + "\"; available: "
                + Mailgate.providers().stream().map(MailProvider::id).sorted().toList()));
    }

    /**
     * The settings: the file, then --set, then --password-env; checked against the provider's keys (a typo is an
     * error, not ignored). The plaintext-login rule of every command applies to providers with the SMTP keys
     * {@code tls}, {@code username} and {@code allow-plaintext-auth}.
     *
     * @param connecting false for a dry run: a required key may then be missing (a dry run needs only what the
     *     provider's rules read, and they say so), an unknown one is still an error
     */
    Map<String, String> settings(MailProvider p, boolean connecting) {
        Map<String, String> config = new LinkedHashMap<>();
        if (configFile != null) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(configFile)) {
                file.load(in);
            } catch (IOException | IllegalArgumentException e) {
                throw new SettingsException("--config " + configFile + ": cannot read it (" + e.getMessage() + ")");
            }
            file.stringPropertyNames().stream().sorted().forEach(k -> config.put(k, file.getProperty(k)));
        }
        config.putAll(settings);
        if (passwordEnv != null) {
            String value = System.getenv(passwordEnv);
            if (value == null) {
                throw new SettingsException("--password-env: environment variable " + passwordEnv + " is not set");
            }
            config.put("password", value);
        }
        if (p.configKeys().stream().anyMatch(k -> k.name().equals("allow-plaintext-auth"))) {
            // --set allow-plaintext-auth=true is the same explicit consent as the option
            boolean setOnPurpose = "true".equalsIgnoreCase(config.getOrDefault("allow-plaintext-auth", "").strip());
            boolean unencrypted = "none".equalsIgnoreCase(config.getOrDefault("tls", "").strip());
            if (!setOnPurpose && plaintextAuth.permit(unencrypted, config.get("username"), config.getOrDefault("host", p.id()),
                    "--set tls=none", "--set tls=starttls or --set tls=implicit")) {
                config.put("allow-plaintext-auth", "true");
            }
        } else if (plaintextAuth.permitted()) {
            throw new SettingsException("--allow-plaintext-auth: provider " + p.id() + " has no plaintext login to allow");
        }
        List<ConfigKey> keys = connecting ? p.configKeys()
                : p.configKeys().stream().map(k -> ConfigKey.optional(k.name(), null, k.description())).toList();
        ConfigKey.check(p.id(), keys, config);
        return config;
    }
}
