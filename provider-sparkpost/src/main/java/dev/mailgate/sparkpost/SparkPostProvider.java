package dev.mailgate.sparkpost;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.sparkpost.rules.SparkPostRules;
import dev.mailgate.sparkpost.webhook.SparkPostWebhookCodec;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import java.time.Clock;
import dev.mailgate.sparkpost.webhook.SparkPostWebhookAuthenticator;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpPresetProvider;
import java.util.List;
import java.util.Map;

/** The {@code sparkpost} provider: SparkPost's SMTP service and its webhooks. */
public final class SparkPostProvider implements SmtpPresetProvider {
    static final String ID = "sparkpost";
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required("api-key", "an API key with \"Send via SMTP\" permission; the user is always SMTP_Injection"),
            ConfigKey.optional("region", "us", "us (smtp.sparkpostmail.com) or eu (smtp.eu.sparkpostmail.com)"),
            ConfigKey.optional("host", null, "overrides the region's SMTP host"),
            ConfigKey.optional("port", "587", "587 or 2525, STARTTLS"),
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
    public SmtpConfig smtpConfig(Map<String, String> settings) {
        return config(settings).smtp();
    }

    @Override
    public Transport createTransport(Map<String, String> settings, SmtpEventListener listener) {
        return SparkPostTransport.create(config(settings), listener);
    }

    @Override
    public List<Rule> rules() {
        return SparkPostRules.all();
    }

    @Override
    public List<CallbackCodec> codecs() {
        return List.of(new SparkPostWebhookCodec());
    }

    static SparkPostConfig config(Map<String, String> map) {
        ConfigKey.check(ID, KEYS, map);
        try {
            SparkPostConfig.Builder b = SparkPostConfig.builder().apiKey(map.get("api-key"));
            if (map.containsKey("region")) {
                b.region(SparkPostRegion.parse(map.get("region")));
            }
            return b.connectionSettings(ID, map).build();
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "config", e.getMessage());
        }
    }

    private static final List<ConfigKey> WEBHOOK_KEYS = List.of(
            ConfigKey.required("user", "the webhook's basic-auth user name"),
            ConfigKey.required("password", "its password"));

    @Override
    public List<ConfigKey> webhookKeys() {
        return WEBHOOK_KEYS;
    }

    /** SparkPost signs nothing: a webhook with basic authentication sends the credentials it is given. */
    @Override
    public WebhookAuthenticator webhookAuthenticator(Map<String, String> settings, Clock clock) {
        ConfigKey.check(ID, WEBHOOK_KEYS, settings);
        return SparkPostWebhookAuthenticator.builder().basicAuth(settings.get("user"), settings.get("password")).build();
    }
}
