package dev.mailgate.testing;

import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.CoreRules;
import dev.mailgate.core.validation.MessageValidator;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.mime.MimeWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code recording} provider: {@code Mailgate.transport("recording", Map.of())} gives a
 * {@link RecordingTransport}, so that an application configured by provider id can be tested without a server.
 */
public final class RecordingProvider implements MailProvider {
    static final String MAX_SIZE = "max-size";

    @Override
    public String id() {
        return "recording";
    }

    @Override
    public List<ConfigKey> configKeys() {
        return List.of(ConfigKey.optional(MAX_SIZE, null, "refuse messages larger than this many octets, as rendered"));
    }

    @Override
    public Transport createTransport(Map<String, String> config) {
        for (String key : config.keySet()) {
            if (!key.equals(MAX_SIZE)) {
                throw new ProviderConfigException(id(), key, "unknown key; known keys: [" + MAX_SIZE + "]");
            }
        }
        List<Rule> rules = new ArrayList<>(CoreRules.defaults());
        String maxSize = config.get(MAX_SIZE);
        if (maxSize != null) {
            try {
                rules.add(CoreRules.maxSize(Long.parseLong(maxSize.strip())));
            } catch (IllegalArgumentException e) {
                throw new ProviderConfigException(id(), MAX_SIZE, "must be a positive whole number of octets, was \"" + maxSize + "\"");
            }
        }
        return new RecordingTransport(MimeWriter.standard(), MessageValidator.of(rules));
    }
}
