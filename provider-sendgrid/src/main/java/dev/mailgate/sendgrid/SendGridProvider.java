package dev.mailgate.sendgrid;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.sendgrid.rules.SendGridRules;
import dev.mailgate.sendgrid.webhook.SendGridSignatureAuthenticator;
import dev.mailgate.sendgrid.webhook.SendGridWebhookCodec;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TrustStores;
import java.time.Clock;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpPresetProvider;
import java.util.List;
import java.util.Map;

/** The {@code sendgrid} provider: SendGrid's SMTP relay and its Event Webhook. */
public final class SendGridProvider implements SmtpPresetProvider {
    static final String ID = "sendgrid";
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required("api-key", "an API key with Mail Send permission (the SMTP password; the user is \"apikey\")"),
            ConfigKey.optional("host", SendGridConfig.DEFAULT_HOST, "the SMTP host"),
            ConfigKey.optional("port", "587", "25, 587 or 2525 (STARTTLS) or 465 (implicit TLS)"),
            ConfigKey.optional("trust-store", null, "a PKCS12/JKS file of trusted certificates"),
            ConfigKey.optional("trust-store-password", "", "its password"));
    private static final List<ConfigKey> WEBHOOK_KEYS = List.of(
            ConfigKey.required("public-key", "the Signed Event Webhook's verification key, base64 DER as the dashboard shows it"),
            ConfigKey.optional("replay-window-seconds", "300", "how far the signed timestamp may be from the clock"));

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
        return SendGridTransport.create(config(settings), listener);
    }

    @Override
    public List<Rule> rules() {
        return SendGridRules.all();
    }

    @Override
    public List<CallbackCodec> codecs() {
        return List.of(new SendGridWebhookCodec());
    }

    static SendGridConfig config(Map<String, String> map) {
        ConfigKey.check(ID, KEYS, map);
        try {
            SendGridConfig.Builder b = SendGridConfig.builder().apiKey(map.get("api-key"));
            return b.connectionSettings(ID, map).build();
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "api-key", e.getMessage());
        }
    }

    @Override
    public List<ConfigKey> webhookKeys() {
        return WEBHOOK_KEYS;
    }

    @Override
    public WebhookAuthenticator webhookAuthenticator(Map<String, String> settings, Clock clock) {
        ConfigKey.check(ID, WEBHOOK_KEYS, settings);
        try {
            SendGridSignatureAuthenticator.Builder b = SendGridSignatureAuthenticator.builder(settings.get("public-key")).clock(clock);
            java.time.Duration w = window(settings);
            return (w == null ? b : b.replayWindow(w)).build();
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "public-key", e.getMessage());
        }
    }

    private static java.time.Duration window(Map<String, String> map) {
        String v = map.get("replay-window-seconds");
        try {
            return v == null ? null : java.time.Duration.ofSeconds(Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            throw new ProviderConfigException(ID, "replay-window-seconds", "not a number: " + v);
        }
    }

}
