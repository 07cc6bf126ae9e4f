package dev.mailgate.cloudmailin;

import dev.mailgate.cloudmailin.rules.CloudMailinRules;
import dev.mailgate.cloudmailin.webhook.CloudMailinWebhookCodec;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.webhook.BasicAuthenticator;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TrustStores;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpPresetProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code cloudmailin} provider: CloudMailin outbound (seed 003) and its event webhook. */
public final class CloudMailinProvider implements SmtpPresetProvider {
    static final String ID = "cloudmailin";
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required("host", "the SMTP host from the account's dashboard"),
            ConfigKey.required("username", "the SMTP user name"),
            ConfigKey.required("password", "the SMTP password"),
            ConfigKey.required("domain", "the sending (From) domain, e.g. example.com"),
            ConfigKey.optional("port", "587", "the SMTP port (STARTTLS is required before AUTH)"),
            ConfigKey.optional("envelope-domain", "mta.<domain>", "the envelope (bounce) subdomain"),
            ConfigKey.optional("verp-secret", null, "a key of 16+ characters for VERP return paths naming the recipient"),
            ConfigKey.optional("flag-bulk", "false", "refuse obvious bulk mail (List-Unsubscribe, Precedence: bulk)"),
            ConfigKey.optional("trust-store", null, "a PKCS12/JKS file of trusted certificates"),
            ConfigKey.optional("trust-store-password", "", "its password"));
    private static final List<ConfigKey> WEBHOOK_KEYS = List.of(
            ConfigKey.required("user", "the user name of the webhook URL's Basic credentials"),
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
        return CloudMailinTransport.create(config(settings), listener);
    }

    /** Only {@code domain} (and optionally {@code envelope-domain}, {@code flag-bulk}) is read. */
    @Override
    public List<Rule> rules(Map<String, String> config) {
        String domain = config.get("domain");
        if (domain == null || domain.isBlank()) {
            throw new ProviderConfigException(ID, "domain", "is required for CloudMailin's rules (the From domain)");
        }
        try {
            String sending = CloudMailinConfig.domain(domain);
            String envelope = config.containsKey("envelope-domain") ? CloudMailinConfig.domain(config.get("envelope-domain")) : "mta." + sending;
            return CloudMailinRules.of(sending, envelope, Boolean.parseBoolean(config.getOrDefault("flag-bulk", "false")));
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "domain", e.getMessage());
        }
    }

    @Override
    public List<CallbackCodec> codecs() {
        return List.of(new CloudMailinWebhookCodec());
    }

    static CloudMailinConfig config(Map<String, String> map) {
        ConfigKey.check(ID, KEYS, map);
        try {
            CloudMailinConfig.Builder b = CloudMailinConfig.builder().connectionSettings(ID, map).credentials(map.get("username"), map.get("password"))
                    .sendingDomain(map.get("domain")).flagBulkMail(Boolean.parseBoolean(map.getOrDefault("flag-bulk", "false")));
            if (map.containsKey("envelope-domain")) {
                b.envelopeSubdomain(map.get("envelope-domain"));
            }
            if (map.containsKey("verp-secret")) {
                b.verpSecret(map.get("verp-secret").getBytes(StandardCharsets.UTF_8));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "config", e.getMessage());
        }
    }

    @Override
    public List<ConfigKey> webhookKeys() {
        return WEBHOOK_KEYS;
    }

    @Override
    public WebhookAuthenticator webhookAuthenticator(Map<String, String> settings, Clock clock) {
        ConfigKey.check(ID, WEBHOOK_KEYS, settings);
        return BasicAuthenticator.of(settings.get("user"), settings.get("password"));
    }

}
