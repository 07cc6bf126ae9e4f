package dev.mailgate.mailgun;

import dev.mailgate.mailgun.rules.MailgunRules;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpTransport;

/** Sends through Mailgun: an {@link SmtpTransport} with the preset and {@link MailgunRules}. */
public final class MailgunTransport {
    private MailgunTransport() {
    }

    public static SmtpTransport create(MailgunConfig config) {
        return create(config, SmtpEventListener.NONE);
    }

    /**
     * As {@link #create(MailgunConfig)}, with a listener that hears every step of every send (for metrics, tracing);
     * its events name the provider {@code "mailgun"} ({@link SmtpEventListener.Send#provider()}).
     */
    public static SmtpTransport create(MailgunConfig config, SmtpEventListener listener) {
        return SmtpTransport.builder(config.smtp()).rules(MailgunRules.all())
                .listener(listener).provider(MailgunProvider.ID).build();
    }
}
