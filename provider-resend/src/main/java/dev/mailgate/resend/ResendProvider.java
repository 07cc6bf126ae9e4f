package dev.mailgate.resend;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.resend.rules.ResendRules;
import dev.mailgate.resend.webhook.ResendWebhookCodec;
import dev.mailgate.smtp.PresetSettings;
import java.util.List;
import java.util.Map;

/** The {@code resend} provider: Resend's SMTP service and its webhooks. */
public final class ResendProvider implements MailProvider {
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
    public Transport createTransport(Map<String, String> config) {
        return ResendTransport.create(config(config));
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
            if (map.containsKey("host")) {
                b.host(map.get("host").strip());
            }
            PresetSettings.port(ID, map).ifPresent(b::port);
            PresetSettings.trustStore(map).ifPresent(b::sslContext);
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "config", e.getMessage());
        }
    }
}
