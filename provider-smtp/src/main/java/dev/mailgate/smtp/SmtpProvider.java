package dev.mailgate.smtp;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.spi.ConfigKey;
import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.core.transport.Transport;
import dev.mailgate.smtp.callback.GenericSmtpCallbackCodec;
import java.util.List;
import java.util.Map;

/** The {@code smtp} provider: any SMTP server, configured by host, port and credentials (the seeds' settings). */
public final class SmtpProvider implements MailProvider {
    static final String ID = "smtp";
    private static final List<ConfigKey> CONFIG_KEYS = List.of(
            ConfigKey.required("host", "the SMTP server's host name or IP address"),
            ConfigKey.optional("port", "587 (465 with tls=implicit)", "the SMTP port"),
            ConfigKey.optional("tls", "starttls", "starttls (required), implicit (port 465) or none (explicit opt-in)"),
            ConfigKey.optional("requires-auth", "true when username is set", "whether the server needs AUTH"),
            ConfigKey.optional("username", null, "the SMTP user name"),
            ConfigKey.optional("password", null, "the SMTP password"),
            ConfigKey.optional("allow-plaintext-auth", "false", "allow AUTH without TLS (trusted local relays only)"),
            ConfigKey.optional("from", null, "the From address of messages that have none"),
            ConfigKey.optional("helo-name", "localhost", "the name sent with EHLO"),
            ConfigKey.optional("max-per-day", "0 (none)", "the daily sending quota (free Gmail / Office 365: about 500)"),
            ConfigKey.optional("max-per-second", "0 (none)", "a sending pace"),
            ConfigKey.optional("max-connections", "4", "the pool size"),
            ConfigKey.optional("connect-timeout-ms", "30000", "the connect timeout"),
            ConfigKey.optional("command-timeout-ms", "300000", "the wait for each reply (RFC 5321 section 4.5.3.2)"),
            ConfigKey.optional("trust-store", null, "a PKCS12/JKS file of trusted certificates (a private CA)"),
            ConfigKey.optional("trust-store-password", "", "its password"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<ConfigKey> configKeys() {
        return CONFIG_KEYS;
    }

    @Override
    public Transport createTransport(Map<String, String> config) {
        return SmtpTransport.create(SmtpConfig.fromMap(config));
    }

    @Override
    public List<CallbackCodec> codecs() {
        return List.of(new GenericSmtpCallbackCodec());
    }
}
