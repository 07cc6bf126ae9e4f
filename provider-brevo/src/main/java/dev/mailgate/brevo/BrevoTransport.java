package dev.mailgate.brevo;

import dev.mailgate.brevo.rules.BrevoRules;
import dev.mailgate.smtp.SmtpTransport;

/** Sends through Brevo: an {@link SmtpTransport} with the preset and {@link BrevoRules}. */
public final class BrevoTransport {
    private BrevoTransport() {
    }

    public static SmtpTransport create(BrevoConfig config) {
        return SmtpTransport.builder(config.smtp()).rules(BrevoRules.all()).build();
    }
}
