package dev.mailgate.core.spi;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.webhook.WebhookAuthenticator;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A mail service Mailgate can send through, found with {@link java.util.ServiceLoader}. A provider module declares
 * {@code provides dev.mailgate.core.spi.MailProvider with ...} in its module-info (and a
 * {@code META-INF/services} entry for class-path users). Each provider module also offers a typed configuration
 * class; the map form here is for frameworks that hold settings as strings.
 */
public interface MailProvider {
    /** A short lower-case id, e.g. {@code smtp}, {@code episerver}, {@code cloudmailin}. */
    String id();

    /** The keys {@link #createTransport(Map)} reads. */
    List<ConfigKey> configKeys();

    /**
     * Creates a transport from string settings.
     *
     * @throws ProviderConfigException naming the key that is missing or malformed
     */
    Transport createTransport(Map<String, String> config);

    /** The rules a message must pass for this provider, in addition to the core rules. */
    default List<Rule> rules() {
        return List.of();
    }

    /**
     * The rules for a given configuration, for providers whose rules depend on it (a sending domain, a list of
     * valid codes); the same keys as {@link #createTransport(Map)}, of which only those the rules need are read.
     *
     * @throws ProviderConfigException naming the key that is missing or malformed
     */
    default List<Rule> rules(Map<String, String> config) {
        return rules();
    }

    /** The codecs of the provider's callback and webhook formats. */
    default List<CallbackCodec> codecs() {
        return List.of();
    }

    /**
     * The settings {@link #webhookAuthenticator} reads (a verification key, webhook credentials); empty when the
     * provider's module offers no authenticator to configure from strings.
     */
    default List<ConfigKey> webhookKeys() {
        return List.of();
    }

    /**
     * The provider's webhook authentication, as it documents it, from string settings (the keys of
     * {@link #webhookKeys()}), reading time from {@code clock}: a fixed clock checks a captured request as of when it
     * was captured (the replay window), which is what {@code mailgate webhook verify} does.
     *
     * @throws ProviderConfigException naming the key that is missing or malformed
     * @throws UnsupportedOperationException when {@link #webhookKeys()} is empty
     */
    default WebhookAuthenticator webhookAuthenticator(Map<String, String> settings, Clock clock) {
        throw new UnsupportedOperationException("the " + id() + " provider offers no webhook authenticator configured from settings");
    }
}
