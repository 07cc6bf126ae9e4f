package dev.mailgate.mailgun;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import dev.mailgate.mailgun.rules.MailgunRules;
import dev.mailgate.mailgun.webhook.MailgunSignatureAuthenticator;
import dev.mailgate.mailgun.webhook.MailgunWebhookCodec;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.TrustStores;
import java.time.Clock;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpPresetProvider;
import java.util.List;
import java.util.Map;

/** The {@code mailgun} provider: Mailgun's SMTP service and its webhooks. */
public final class MailgunProvider implements SmtpPresetProvider {
    static final String ID = "mailgun";
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required("username", "the domain's SMTP login, e.g. postmaster@mg.example.com"),
            ConfigKey.required("password", "its SMTP password"),
            ConfigKey.optional("region", "us", "us (smtp.mailgun.org) or eu (smtp.eu.mailgun.org)"),
            ConfigKey.optional("host", null, "overrides the region's SMTP host"),
            ConfigKey.optional("port", "587", "25, 587 or 2525 (STARTTLS) or 465 (implicit TLS)"),
            ConfigKey.optional("trust-store", null, "a PKCS12/JKS file of trusted certificates"),
            ConfigKey.optional("trust-store-password", "", "its password"));
    private static final List<ConfigKey> WEBHOOK_KEYS = List.of(
            ConfigKey.required("signing-key", "the HTTP webhook signing key (not the API key)"),
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
        return MailgunTransport.create(config(settings), listener);
    }

    @Override
    public List<Rule> rules() {
        return MailgunRules.all();
    }

    @Override
    public List<CallbackCodec> codecs() {
        return List.of(new MailgunWebhookCodec());
    }

    static MailgunConfig config(Map<String, String> map) {
        ConfigKey.check(ID, KEYS, map);
        MailgunConfig.Builder b = MailgunConfig.builder().credentials(map.get("username"), map.get("password"));
        try {
            if (map.containsKey("region")) {
                b.region(MailgunRegion.parse(map.get("region")));
            }
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "region", e.getMessage());
        }
        try {
            return b.connectionSettings(ID, map).build();
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
        try {
            MailgunSignatureAuthenticator.Builder b = MailgunSignatureAuthenticator.builder(settings.get("signing-key")).clock(clock);
            java.time.Duration w = window(settings);
            return (w == null ? b : b.replayWindow(w)).build();
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "signing-key", e.getMessage());
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
