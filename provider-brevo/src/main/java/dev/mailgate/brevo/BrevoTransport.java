package dev.mailgate.brevo;

import dev.mailgate.brevo.rules.BrevoRules;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpTransport;

/** Sends through Brevo: an {@link SmtpTransport} with the preset and {@link BrevoRules}. */
public final class BrevoTransport {
    private BrevoTransport() {
    }

    public static SmtpTransport create(BrevoConfig config) {
        return create(config, SmtpEventListener.NONE);
    }

    /**
     * As {@link #create(BrevoConfig)}, with a listener that hears every step of every send (for metrics, tracing);
     * its events name the provider {@code "brevo"} ({@link SmtpEventListener.Send#provider()}).
     */
    public static SmtpTransport create(BrevoConfig config, SmtpEventListener listener) {
        return SmtpTransport.builder(config.smtp()).rules(BrevoRules.all())
                .listener(listener).provider(BrevoProvider.ID).build();
    }
}
