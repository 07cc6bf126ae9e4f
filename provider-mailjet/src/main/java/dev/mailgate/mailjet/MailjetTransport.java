package dev.mailgate.mailjet;

import dev.mailgate.mailjet.rules.MailjetRules;
import dev.mailgate.smtp.SmtpTransport;

/** Sends through Mailjet: an {@link SmtpTransport} with the preset and {@link MailjetRules}. */
public final class MailjetTransport {
    private MailjetTransport() {
    }

    public static SmtpTransport create(MailjetConfig config) {
        return SmtpTransport.builder(config.smtp()).rules(MailjetRules.all()).build();
    }
}
