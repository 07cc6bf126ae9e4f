package dev.mailgate.brevo;

import dev.mailgate.brevo.rules.BrevoRules;
import dev.mailgate.brevo.webhook.BrevoWebhookAuthenticator;
import dev.mailgate.brevo.webhook.BrevoWebhookCodec;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TrustStores;
import java.time.Clock;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpPresetProvider;
import java.util.List;
import java.util.Map;

/** The {@code brevo} provider: Brevo's SMTP relay and its transactional webhooks. */
public final class BrevoProvider implements SmtpPresetProvider {
    static final String ID = "brevo";
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required("login", "the SMTP login from SMTP and API settings, SMTP tab"),
            ConfigKey.required("smtp-key", "an SMTP key (xsmtpsib-...), not an API key"),
            ConfigKey.optional("host", BrevoConfig.DEFAULT_HOST, "overrides the SMTP host"),
            ConfigKey.optional("port", "587", "587 or 2525 (STARTTLS) or 465 (implicit TLS)"),
            ConfigKey.optional("trust-store", null, "a PKCS12/JKS file of trusted certificates"),
            ConfigKey.optional("trust-store-password", "", "its password"));
    private static final List<ConfigKey> WEBHOOK_KEYS = List.of(
            ConfigKey.optional("user", null, "the user name in the notify URL (https://user:password@host/...)"),
            ConfigKey.optional("password", null, "its password"),
            ConfigKey.optional("bearer-token", null, "the token Brevo sends as Authorization: Bearer"),
            ConfigKey.optional("peer-header", null, "a header your reverse proxy sets to the peer address, checked against Brevo's ranges"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return KEYS;
    }

    @Override
    public SmtpConfig smtpConfig(Map<String, String> settings) {
        return config(settings).smtp();
    }

    @Override
    public Transport createTransport(Map<String, String> settings, SmtpEventListener listener) {
        return BrevoTransport.create(config(settings), listener);
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
            return b.connectionSettings(ID, map).build();
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, e.getMessage().contains("API key") ? "smtp-key" : "config", e.getMessage());
        }
    }

    @Override
    public List<ConfigKey> webhookKeys() {
        return WEBHOOK_KEYS;
    }

    @Override
    public WebhookAuthenticator webhookAuthenticator(Map<String, String> settings, Clock clock) {
        ConfigKey.check(ID, WEBHOOK_KEYS, settings);
        BrevoWebhookAuthenticator.Builder b = BrevoWebhookAuthenticator.builder();
        if (settings.containsKey("user") != settings.containsKey("password")) {
            throw new ProviderConfigException(ID, settings.containsKey("user") ? "password" : "user", "user and password go together");
        }
        try {
            if (settings.containsKey("user")) {
                b.basic(settings.get("user"), settings.get("password"));
            }
            if (settings.containsKey("bearer-token")) {
                b.bearerToken(settings.get("bearer-token"));
            }
            if (settings.containsKey("peer-header")) {
                b.brevoAddressesFrom(settings.get("peer-header").strip());
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "webhook", e.getMessage());
        }
    }

}
