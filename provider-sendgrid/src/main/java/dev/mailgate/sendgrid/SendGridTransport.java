package dev.mailgate.sendgrid;

import dev.mailgate.sendgrid.rules.SendGridRules;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpTransport;

/** Sends through SendGrid: an {@link SmtpTransport} with the preset and {@link SendGridRules}. */
public final class SendGridTransport {
    private SendGridTransport() {
    }

    public static SmtpTransport create(SendGridConfig config) {
        return create(config, SmtpEventListener.NONE);
    }

    /**
     * As {@link #create(SendGridConfig)}, with a listener that hears every step of every send (for metrics, tracing);
     * its events name the provider {@code "sendgrid"} ({@link SmtpEventListener.Send#provider()}).
     */
    public static SmtpTransport create(SendGridConfig config, SmtpEventListener listener) {
        return SmtpTransport.builder(config.smtp()).rules(SendGridRules.all())
                .listener(listener).provider(SendGridProvider.ID).build();
    }
}
