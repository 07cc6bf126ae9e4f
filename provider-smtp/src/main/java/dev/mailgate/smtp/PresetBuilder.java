package dev.mailgate.smtp;

import dev.mailgate.core.spi.ProviderConfigException;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * What the builder of every provider preset ({@code BrevoConfig.builder()}, {@code SesConfig.builder()}, ...) shares:
 * the connection a caller may override (host, port, trust material), the SMTP settings tuned after the preset, and
 * how the preset's {@link SmtpConfig} is made from them. One implementation, so that every preset applies an override
 * the same way and refuses the same things ({@link SmtpConfig.Builder#buildPreset}: no plain text, no unverified host
 * name); what differs per provider (credentials, region, host rules) stays in its subclass.
 *
 * @param <B> the provider's builder, returned by every setter
 */
public abstract class PresetBuilder<B extends PresetBuilder<B>> {
    private String host;
    private int port;
    private SSLContext sslContext;
    private Consumer<SmtpConfig.Builder> tuning = b -> {
    };

    /** @param defaultPort the port the provider documents for STARTTLS submission */
    protected PresetBuilder(int defaultPort) {
        this.port = defaultPort;
    }

    /** Overrides the provider's host (a regional or dedicated endpoint, a test server). */
    public B host(String host) {
        this.host = Objects.requireNonNull(host, "host");
        return self();
    }

    /** Overrides the provider's default port; which ports a provider serves, and with which TLS, its builder says. */
    public B port(int port) {
        this.port = port;
        return self();
    }

    /** The trust material for the server's certificate (a private CA); the host name is verified all the same. */
    public B sslContext(SSLContext context) {
        this.sslContext = Objects.requireNonNull(context, "context");
        return self();
    }

    /** Further SMTP settings (timeouts, pool size, quota, ...), applied after the preset's own. */
    public B smtp(Consumer<SmtpConfig.Builder> tuning) {
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        return self();
    }

    /**
     * Applies the settings every preset reads alike from its {@code createTransport} map: {@code host}, {@code port},
     * {@code trust-store} and {@code trust-store-password} (see {@link PresetSettings}); absent keys leave the
     * defaults.
     *
     * @param provider the provider id a {@link ProviderConfigException} names
     */
    public B connectionSettings(String provider, Map<String, String> settings) {
        String override = settings.get("host");
        if (override != null) {
            host(override.strip());
        }
        PresetSettings.port(provider, settings).ifPresent(this::port);
        PresetSettings.trustStore(settings).ifPresent(this::sslContext);
        return self();
    }

    /** The host given to {@link #host(String)}, or the provider's {@code fallback} (its default or regional host). */
    protected final String hostOr(String fallback) {
        return host != null ? host : fallback;
    }

    /** Whether the caller chose the host: a preset then accepts any port (a test server, a dedicated endpoint). */
    protected final boolean hostOverridden() {
        return host != null;
    }

    protected final int port() {
        return port;
    }

    /**
     * The SMTP settings builder for the preset: the host (given or {@code defaultHost}), the port, the TLS mode and
     * the trust material. The subclass adds the credentials and its own settings, then calls {@link #preset}.
     */
    protected final SmtpConfig.Builder smtpBuilder(String defaultHost, TlsMode tlsMode) {
        SmtpConfig.Builder smtp = SmtpConfig.builder(hostOr(defaultHost)).port(port).tlsMode(tlsMode);
        if (sslContext != null) {
            smtp.sslContext(sslContext);
        }
        return smtp;
    }

    /**
     * Applies the caller's tuning after the preset's settings and builds, refusing what no preset allows.
     *
     * @param presetName the provider's name in the refusal, e.g. "Brevo"
     * @param whyTls why the provider needs TLS, said when the tuning turned it off
     */
    protected final SmtpConfig preset(SmtpConfig.Builder smtp, String presetName, String whyTls) {
        tuning.accept(smtp);
        return smtp.buildPreset(presetName, whyTls);
    }

    /** {@code this}, typed as the provider's builder. */
    protected abstract B self();
}
