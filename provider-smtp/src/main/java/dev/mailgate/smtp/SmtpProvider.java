package dev.mailgate.smtp;

import dev.mailgate.core.dkim.DkimException;
import dev.mailgate.core.dkim.DkimKeys;
import dev.mailgate.core.dkim.DkimSigner;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.smtp.callback.GenericSmtpCallbackCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The {@code smtp} provider: any SMTP server, configured by host, port and credentials (the seeds' settings). */
public final class SmtpProvider implements SmtpPresetProvider {
    static final String ID = "smtp";
    private static final List<ConfigKey> CONFIG_KEYS = List.of(
            ConfigKey.required("host", "the SMTP server's host name or IP address"),
            ConfigKey.optional("port", "587 (465 with tls=implicit)", "the SMTP port"),
            ConfigKey.optional("tls", "starttls (implicit on port 465)", "starttls (required), implicit (port 465) or none (explicit opt-in)"),
            ConfigKey.optional("requires-auth", "true when username is set", "whether the server needs AUTH"),
            ConfigKey.optional("username", null, "the SMTP user name"),
            ConfigKey.optional("password", null, "the SMTP password"),
            ConfigKey.optional("allow-plaintext-auth", "false", "allow AUTH without TLS (trusted local relays only)"),
            ConfigKey.optional("from", null, "the From address of messages that have none"),
            ConfigKey.optional("eight-bit-mime", "true, false with dkim-*", "send text bodies 8bit where the server offers 8BITMIME (RFC 6152)"),
            ConfigKey.optional("helo-name", "this machine's FQDN, else localhost", "the name sent with EHLO (set the sending host's name)"),
            ConfigKey.optional("max-per-day", "0 (none)", "the daily sending quota (free Gmail / Office 365: about 500)"),
            ConfigKey.optional("max-per-second", "0 (none)", "a sending pace"),
            ConfigKey.optional("max-connections", "4", "the pool size"),
            ConfigKey.optional("connect-timeout-ms", "30000", "the connect timeout"),
            ConfigKey.optional("command-timeout-ms", "300000", "the wait for each reply (RFC 5321 section 4.5.3.2)"),
            ConfigKey.optional("trust-store", null, "a PKCS12/JKS file of trusted certificates (a private CA)"),
            ConfigKey.optional("trust-store-password", "", "its password"),
            ConfigKey.optional("dkim-domain", null, "sign with DKIM for this domain (d=); needs dkim-selector and dkim-key-file"),
            ConfigKey.optional("dkim-selector", null, "the DKIM selector (s=) the public key is published under"),
            ConfigKey.optional("dkim-key-file", null, "a PEM file with the RSA or Ed25519 private key"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return CONFIG_KEYS;
    }

    /**
     * The settings the string form describes (keys as in {@link #configKeys()}): {@code host}, {@code port},
     * {@code username}, {@code password}, {@code requires-auth}, {@code from}, {@code tls}, {@code max-per-day}, ...
     *
     * @throws ProviderConfigException naming the key whose value is missing or malformed
     */
    public static SmtpConfig config(Map<String, String> config) {
        return SmtpConfigMap.parse(config);
    }

    @Override
    public SmtpConfig smtpConfig(Map<String, String> settings) {
        return config(settings);
    }

    @Override
    public Transport createTransport(Map<String, String> config, SmtpEventListener listener) {
        SmtpTransport.Builder builder = SmtpTransport.builder(config(config)).listener(listener).provider(ID);
        dkimSigner(config).ifPresent(builder::dkim);
        return builder.build();
    }

    /** The signer the dkim-* keys describe: all three or none. */
    static java.util.Optional<DkimSigner> dkimSigner(Map<String, String> config) {
        List<String> keys = List.of("dkim-domain", "dkim-selector", "dkim-key-file");
        long given = keys.stream().filter(config::containsKey).count();
        if (given == 0) {
            return java.util.Optional.empty();
        }
        for (String key : keys) {
            if (!config.containsKey(key)) {
                throw new ProviderConfigException(ID, key, "required when any dkim-* key is set");
            }
        }
        String pem;
        try {
            pem = Files.readString(Path.of(config.get("dkim-key-file")), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new ProviderConfigException(ID, "dkim-key-file", "cannot read " + config.get("dkim-key-file") + ": " + e.getMessage());
        }
        try {
            return java.util.Optional.of(DkimSigner.builder(config.get("dkim-domain"), config.get("dkim-selector"), DkimKeys.fromPem(pem)).build());
        } catch (DkimException e) {
            throw new ProviderConfigException(ID, "dkim-key-file", e.getMessage());
        }
    }

    @Override
    public List<CallbackCodec> codecs() {
        return List.of(new GenericSmtpCallbackCodec());
    }
}
