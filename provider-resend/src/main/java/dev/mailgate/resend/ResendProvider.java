package dev.mailgate.resend;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.resend.rules.ResendRules;
import dev.mailgate.resend.webhook.ResendWebhookCodec;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import java.time.Clock;
import dev.mailgate.resend.webhook.SvixSignatureAuthenticator;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpPresetProvider;
import java.util.List;
import java.util.Map;

/** The {@code resend} provider: Resend's SMTP service and its webhooks. */
public final class ResendProvider implements SmtpPresetProvider {
    static final String ID = "resend";
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required("api-key", "the API key (re_...), the SMTP password; the user is always \"resend\""),
            ConfigKey.optional("host", null, "overrides smtp.resend.com"),
            ConfigKey.optional("port", "587", "25, 587, 2587 (STARTTLS) or 465, 2465 (implicit TLS)"),
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
        return ResendTransport.create(config(settings), listener);
    }

    @Override
    public List<Rule> rules() {
        return ResendRules.all();
    }

    @Override
    public List<CallbackCodec> codecs() {
        return List.of(new ResendWebhookCodec());
    }

    static ResendConfig config(Map<String, String> map) {
        ConfigKey.check(ID, KEYS, map);
        try {
            ResendConfig.Builder b = ResendConfig.builder().apiKey(map.get("api-key"));
            return b.connectionSettings(ID, map).build();
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "config", e.getMessage());
        }
    }

    private static final List<ConfigKey> WEBHOOK_KEYS = List.of(
            ConfigKey.required("signing-secret", "the webhook's signing secret (whsec_...), from its page in Resend"),
            ConfigKey.optional("replay-window-seconds", "300", "how far the signed svix-timestamp may be from the clock"));

    @Override
    public List<ConfigKey> webhookKeys() {
        return WEBHOOK_KEYS;
    }

    /** Svix's scheme as Resend documents it: HMAC-SHA256 of id.timestamp.body with the whsec_ secret. */
    @Override
    public WebhookAuthenticator webhookAuthenticator(Map<String, String> settings, Clock clock) {
        ConfigKey.check(ID, WEBHOOK_KEYS, settings);
        SvixSignatureAuthenticator.Builder b;
        try {
            b = SvixSignatureAuthenticator.builder(settings.get("signing-secret")).clock(clock);
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "signing-secret", e.getMessage());
        }
        String window = settings.get("replay-window-seconds");
        if (window != null) {
            try {
                b.replayWindow(java.time.Duration.ofSeconds(Long.parseLong(window.strip())));
            } catch (IllegalArgumentException e) {
                throw new ProviderConfigException(ID, "replay-window-seconds", "must be a positive number of seconds, was \"" + window + "\"");
            }
        }
        return b.build();
    }
}
