package dev.mailgate.core.spi;

import dev.mailgate.core.MailException;

/** A provider configuration is missing a key or has a value of the wrong form; names the provider and the key. */
public final class ProviderConfigException extends MailException {
    private static final long serialVersionUID = 1L;
    private final String provider;
    private final String key;

    public ProviderConfigException(String provider, String key, String problem) {
        super("provider " + provider + ", config key " + key + ": " + problem);
        this.provider = provider;
        this.key = key;
    }

    public String provider() {
        return provider;
    }

    public String key() {
        return key;
    }

    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
