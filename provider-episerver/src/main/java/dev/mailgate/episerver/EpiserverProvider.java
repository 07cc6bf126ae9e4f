package dev.mailgate.episerver;

import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.episerver.rule.EpiserverRules;
import java.util.Arrays;
import dev.mailgate.smtp.SmtpConfig;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpPresetProvider;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The {@code episerver} provider: the Episerver Campaign SMTP API (seed 002). */
public final class EpiserverProvider implements SmtpPresetProvider {
    static final String ID = "episerver";
    private static final List<ConfigKey> KEYS = List.of(
            ConfigKey.required("sending-domain", "the domain delegated to Episerver; From addresses must be in it"),
            ConfigKey.required("bounce-forwarding-address", "where Episerver forwards returned mail; not in the sending domain"),
            ConfigKey.required("username", "the SMTP authentication Episerver support provides"),
            ConfigKey.required("password", "its password"),
            ConfigKey.optional("host", EpiserverConfig.DEFAULT_HOST, "the SMTP API server"),
            ConfigKey.optional("port", "25", "the SMTP port (STARTTLS is required)"),
            ConfigKey.optional("mailing-codes", null, "comma-separated valid X-bm-mailing codes"),
            ConfigKey.optional("trust-store", null, "a PKCS12/JKS file of trusted certificates"),
            ConfigKey.optional("trust-store-password", "", "its password"),
            ConfigKey.optional("max-per-day", "0 (none)", "a daily sending quota"));

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
        return EpiserverTransport.create(config(settings), listener);
    }

    /** The rules for a sending domain (and mailing codes); only {@code sending-domain} is required here. */
    @Override
    public List<Rule> rules(Map<String, String> config) {
        String domain = config.get("sending-domain");
        if (domain == null || domain.isBlank()) {
            throw new ProviderConfigException(ID, "sending-domain", "is required for Episerver's rules (the From domain must equal it)");
        }
        try {
            return EpiserverRules.of(EpiserverConfig.domain(domain), codes(config));
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "sending-domain", e.getMessage());
        }
    }

    static EpiserverConfig config(Map<String, String> map) {
        ConfigKey.check(ID, KEYS, map);
        try {
            EpiserverConfig.Builder b = EpiserverConfig.builder().sendingDomain(map.get("sending-domain"))
                    .bounceForwardingAddress(map.get("bounce-forwarding-address"))
                    .credentials(map.get("username"), map.get("password")).mailingCodes(codes(map));
            b.connectionSettings(ID, map);
            if (map.containsKey("max-per-day")) {
                long max = Long.parseLong(map.get("max-per-day").strip());
                b.smtp(s -> s.maxPerDay(max));
            }
            return b.build();
        } catch (NumberFormatException e) {
            throw new ProviderConfigException(ID, "port/max-per-day", "not a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ProviderConfigException(ID, "config", e.getMessage());
        }
    }

    private static Set<String> codes(Map<String, String> config) {
        String codes = config.get("mailing-codes");
        if (codes == null || codes.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(codes.split(",")).map(String::strip).filter(c -> !c.isEmpty()).collect(Collectors.toSet());
    }
}
