package dev.mailgate.mailjet;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.mailjet.rules.MailjetRules;
import dev.mailgate.mailjet.webhook.MailjetWebhookAuth;
import dev.mailgate.mailjet.webhook.MailjetWebhookCodec;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TrustStores;
import java.time.Clock;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpPresetProvider;
import java.util.List;
import java.util.Map;

/** The {@code mailjet} provider: Mailjet's SMTP relay and its Event API webhooks. */
public final class MailjetProvider implements SmtpPresetProvider {
    static final String ID = "mailjet";
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required("api-key", "the API key: the SMTP user name"),
            ConfigKey.required("secret-key", "the secret key: the SMTP password"),
            ConfigKey.optional("host", MailjetConfig.DEFAULT_HOST, "overrides the SMTP host"),
            ConfigKey.optional("port", "587", "587, 25 or 2525 (STARTTLS) or 465 (implicit TLS)"),
            ConfigKey.optional("trust-store", null, "a PKCS12/JKS file of trusted certificates"),
            ConfigKey.optional("trust-store-password", "", "its password"));
    private static final List<ConfigKey> WEBHOOK_KEYS = List.of(
            ConfigKey.required("user", "the user name in the event URL (https://user:password@host/...)"),
            ConfigKey.required("password", "its password"));

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
        return MailjetTransport.create(config(settings), listener);
    }

    @Override
    public List<Rule> rules() {
        return MailjetRules.all();
    }

    @Override
    public List<CallbackCodec> codecs() {
        return List.of(new MailjetWebhookCodec());
    }

    static MailjetConfig config(Map<String, String> map) {
        ConfigKey.check(ID, KEYS, map);
        MailjetConfig.Builder b = MailjetConfig.builder().credentials(map.get("api-key"), map.get("secret-key"));
        try {
            return b.connectionSettings(ID, map).build();
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, e.getMessage().contains("secret key") ? "secret-key" : "config", e.getMessage());
        }
    }

    @Override
    public List<ConfigKey> webhookKeys() {
        return WEBHOOK_KEYS;
    }

    @Override
    public WebhookAuthenticator webhookAuthenticator(Map<String, String> settings, Clock clock) {
        ConfigKey.check(ID, WEBHOOK_KEYS, settings);
        return MailjetWebhookAuth.basic(settings.get("user"), settings.get("password"));
    }

}
