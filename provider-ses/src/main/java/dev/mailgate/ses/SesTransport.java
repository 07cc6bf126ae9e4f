package dev.mailgate.ses;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.ses.rules.SesRules;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpTransport;

/**
 * Sends through Amazon SES: an {@link SmtpTransport} with the preset and {@link SesRules}; a message that names no
 * configuration set gets the configured default in {@value SesRules#CONFIGURATION_SET_HEADER}. A raw (pre-built)
 * message is sent as it is.
 */
public final class SesTransport {
    private SesTransport() {
    }

    public static SmtpTransport create(SesConfig config) {
        return create(config, SmtpEventListener.NONE);
    }

    /**
     * As {@link #create(SesConfig)}, with a listener that hears every step of every send (for metrics, tracing);
     * its events name the provider {@code "ses"} ({@link SmtpEventListener.Send#provider()}).
     */
    public static SmtpTransport create(SesConfig config, SmtpEventListener listener) {
        return SmtpTransport.builder(config.smtp()).rules(SesRules.all()).preparer(m -> withConfigurationSet(m, config))
                .listener(listener).provider(SesProvider.ID).build();
    }

    static OutboundMessage withConfigurationSet(OutboundMessage message, SesConfig config) {
        if (config.configurationSet().isEmpty() || !(message instanceof EmailMessage m) || !m.headers(SesRules.CONFIGURATION_SET_HEADER).isEmpty()) {
            return message;
        }
        return m.toBuilder().header(SesRules.CONFIGURATION_SET_HEADER, config.configurationSet().get()).build();
    }
}
