package dev.mailgate.mailgun;

import dev.mailgate.mailgun.rules.MailgunRules;
import dev.mailgate.smtp.SmtpTransport;

/** Sends through Mailgun: an {@link SmtpTransport} with the preset and {@link MailgunRules}. */
public final class MailgunTransport {
    private MailgunTransport() {
    }

    public static SmtpTransport create(MailgunConfig config) {
        return SmtpTransport.builder(config.smtp()).rules(MailgunRules.all()).build();
    }
}
