package dev.mailgate.ses;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.ses.rules.SesRules;
import dev.mailgate.ses.webhook.SesSnsCodec;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpPresetProvider;
import java.util.List;
import java.util.Map;

/** The {@code ses} provider: Amazon SES's SMTP interface and its notifications through Amazon SNS. */
public final class SesProvider implements SmtpPresetProvider {
    static final String ID = "ses";
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required("region", "the AWS region, e.g. eu-west-1 (host email-smtp.<region>.amazonaws.com)"),
            ConfigKey.required("username", "the region's SES SMTP user name (not the AWS access key)"),
            ConfigKey.required("password", "the region's SES SMTP password"),
            ConfigKey.optional("configuration-set", null, "put in X-SES-CONFIGURATION-SET of messages that name none"),
            ConfigKey.optional("host", null, "overrides the region's SMTP host"),
            ConfigKey.optional("port", "587", "25, 587 or 2587 (STARTTLS) or 465, 2465 (implicit TLS)"),
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
        return SesTransport.create(config(settings), listener);
    }

    @Override
    public List<Rule> rules() {
        return SesRules.all();
    }

    /** Decodes SNS deliveries of SES notifications; a SubscriptionConfirmation is reported as an Unknown event. */
    @Override
    public List<CallbackCodec> codecs() {
        return List.of(SesSnsCodec.builder().build());
    }

    static SesConfig config(Map<String, String> map) {
        ConfigKey.check(ID, KEYS, map);
        try {
            SesConfig.Builder b = SesConfig.builder().region(map.get("region")).credentials(map.get("username"), map.get("password"));
            if (map.containsKey("configuration-set")) {
                b.configurationSet(map.get("configuration-set").strip());
            }
            return b.connectionSettings(ID, map).build();
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "config", e.getMessage());
        }
    }
}
