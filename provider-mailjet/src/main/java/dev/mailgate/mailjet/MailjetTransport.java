package dev.mailgate.mailjet;

import dev.mailgate.mailjet.rules.MailjetRules;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpTransport;

/** Sends through Mailjet: an {@link SmtpTransport} with the preset and {@link MailjetRules}. */
public final class MailjetTransport {
    private MailjetTransport() {
    }

    public static SmtpTransport create(MailjetConfig config) {
        return create(config, SmtpEventListener.NONE);
    }

    /**
     * As {@link #create(MailjetConfig)}, with a listener that hears every step of every send (for metrics, tracing);
     * its events name the provider {@code "mailjet"} ({@link SmtpEventListener.Send#provider()}).
     */
    public static SmtpTransport create(MailjetConfig config, SmtpEventListener listener) {
        return SmtpTransport.builder(config.smtp()).rules(MailjetRules.all())
                .listener(listener).provider(MailjetProvider.ID).build();
    }
}
