package dev.mailgate.resend;

import dev.mailgate.resend.rules.ResendRules;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpTransport;

/** Sends through Resend: an {@link SmtpTransport} with the preset and {@link ResendRules}. */
public final class ResendTransport {
    private ResendTransport() {
    }

    public static SmtpTransport create(ResendConfig config) {
        return create(config, SmtpEventListener.NONE);
    }

    /**
     * As {@link #create(ResendConfig)}, with a listener that hears every step of every send (for metrics, tracing);
     * its events name the provider {@code "resend"} ({@link SmtpEventListener.Send#provider()}).
     */
    public static SmtpTransport create(ResendConfig config, SmtpEventListener listener) {
        return SmtpTransport.builder(config.smtp()).rules(ResendRules.all())
                .listener(listener).provider(ResendProvider.ID).build();
    }
}
