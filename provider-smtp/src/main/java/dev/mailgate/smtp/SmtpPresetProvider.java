package dev.mailgate.smtp;

import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.core.transport.Transport;
import java.util.Map;

/**
 * A {@link MailProvider} whose transport is SMTP, as every bundled preset's is. Core's SPI builds a transport from
 * strings alone; a framework that wires the application's {@link SmtpEventListener}s (metrics, tracing) and probes the
 * server for a health check needs these two more, from the same string settings, with the provider's own steps
 * (headers, envelope policy, DKIM) kept.
 */
public interface SmtpPresetProvider extends MailProvider {
    /** The SMTP settings the preset connects with (host, port, TLS, credentials), e.g. for a health probe. */
    SmtpConfig smtpConfig(Map<String, String> settings);

    /** The provider's transport, with {@code listener} hearing every send. */
    Transport createTransport(Map<String, String> settings, SmtpEventListener listener);

    /** The same transport with nobody listening: one way to build it, so the two forms cannot drift apart. */
    @Override
    default Transport createTransport(Map<String, String> settings) {
        return createTransport(settings, SmtpEventListener.NONE);
    }
}
