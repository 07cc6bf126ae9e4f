package dev.mailgate.postmark;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.postmark.rules.PostmarkRules;
import dev.mailgate.postmark.webhook.PostmarkWebhookCodec;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import java.time.Clock;
import dev.mailgate.postmark.webhook.PostmarkWebhookAuthenticator;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpPresetProvider;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code postmark} provider: Postmark's SMTP service and its webhooks. */
public final class PostmarkProvider implements SmtpPresetProvider {
    static final String ID = "postmark";
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required("server-token", "the Server API Token (Server > API Tokens), used as SMTP user and password"),
            ConfigKey.optional("message-stream", null, "put in X-PM-Message-Stream of messages that name none (e.g. outbound)"),
            ConfigKey.optional("broadcasts", "false", "true sends through smtp-broadcasts.postmarkapp.com, the broadcast streams' host"),
            ConfigKey.optional("host", null, "overrides the SMTP host"),
            ConfigKey.optional("port", "587", "25, 587 or 2525, each with STARTTLS"),
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
        return PostmarkTransport.create(config(settings), listener);
    }

    @Override
    public List<Rule> rules() {
        return PostmarkRules.all();
    }

    @Override
    public List<CallbackCodec> codecs() {
        return List.of(new PostmarkWebhookCodec());
    }

    static PostmarkConfig config(Map<String, String> map) {
        ConfigKey.check(ID, KEYS, map);
        try {
            PostmarkConfig.Builder b = PostmarkConfig.builder().serverToken(map.get("server-token"));
            if (map.containsKey("message-stream")) {
                b.messageStream(map.get("message-stream"));
            }
            if (map.containsKey("broadcasts")) {
                String v = map.get("broadcasts").strip().toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw new ProviderConfigException(ID, "broadcasts", "true or false, not " + map.get("broadcasts"));
                }
                b.broadcasts(v.equals("true"));
            }
            return b.connectionSettings(ID, map).build();
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "config", e.getMessage());
        }
    }

    private static final List<ConfigKey> WEBHOOK_KEYS = List.of(
            ConfigKey.required("user", "the webhook's HttpAuth user name (or the user in https://user:password@host/...)"),
            ConfigKey.required("password", "its password"));

    @Override
    public List<ConfigKey> webhookKeys() {
        return WEBHOOK_KEYS;
    }

    /** Postmark signs nothing: its webhooks authenticate with the basic-auth credentials it is given. */
    @Override
    public WebhookAuthenticator webhookAuthenticator(Map<String, String> settings, Clock clock) {
        ConfigKey.check(ID, WEBHOOK_KEYS, settings);
        return PostmarkWebhookAuthenticator.builder().basicAuth(settings.get("user"), settings.get("password")).build();
    }
}
