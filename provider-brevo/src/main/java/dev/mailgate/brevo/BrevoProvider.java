package dev.mailgate.brevo;

import dev.mailgate.brevo.rules.BrevoRules;
import dev.mailgate.brevo.webhook.BrevoWebhookCodec;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.smtp.PresetSettings;
import java.util.List;
import java.util.Map;

/** The {@code brevo} provider: Brevo's SMTP relay and its transactional webhooks. */
public final class BrevoProvider implements MailProvider {
    static final String ID = "brevo";
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required("login", "the SMTP login from SMTP and API settings, SMTP tab"),
            ConfigKey.required("smtp-key", "an SMTP key (xsmtpsib-...), not an API key"),
            ConfigKey.optional("host", BrevoConfig.DEFAULT_HOST, "overrides the SMTP host"),
            ConfigKey.optional("port", "587", "587 or 2525 (STARTTLS) or 465 (implicit TLS)"),
            ConfigKey.optional("trust-store", null, "a PKCS12/JKS file of trusted certificates"),
            ConfigKey.optional("trust-store-password", "", "its password"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return KEYS;
    }

    @Override
    public Transport createTransport(Map<String, String> config) {
        return BrevoTransport.create(config(config));
    }

    @Override
    public List<Rule> rules() {
        return BrevoRules.all();
    }

    @Override
    public List<CallbackCodec> codecs() {
        return List.of(new BrevoWebhookCodec());
    }

    static BrevoConfig config(Map<String, String> map) {
        ConfigKey.check(ID, KEYS, map);
        BrevoConfig.Builder b = BrevoConfig.builder().credentials(map.get("login"), map.get("smtp-key"));
        try {
            if (map.containsKey("host")) {
                b.host(map.get("host").strip());
            }
            PresetSettings.port(ID, map).ifPresent(b::port);
            PresetSettings.trustStore(map).ifPresent(b::sslContext);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, e.getMessage().contains("API key") ? "smtp-key" : "config", e.getMessage());
        }
    }
}
