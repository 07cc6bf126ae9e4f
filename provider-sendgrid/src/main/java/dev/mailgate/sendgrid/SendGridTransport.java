package dev.mailgate.sendgrid;

import dev.mailgate.sendgrid.rules.SendGridRules;
import dev.mailgate.smtp.SmtpTransport;

/** Sends through SendGrid: an {@link SmtpTransport} with the preset and {@link SendGridRules}. */
public final class SendGridTransport {
    private SendGridTransport() {
    }

    public static SmtpTransport create(SendGridConfig config) {
        return SmtpTransport.builder(config.smtp()).rules(SendGridRules.all()).build();
    }
}
