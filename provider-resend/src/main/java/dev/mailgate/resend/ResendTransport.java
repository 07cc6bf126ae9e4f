package dev.mailgate.resend;

import dev.mailgate.resend.rules.ResendRules;
import dev.mailgate.smtp.SmtpTransport;

/** Sends through Resend: an {@link SmtpTransport} with the preset and {@link ResendRules}. */
public final class ResendTransport {
    private ResendTransport() {
    }

    public static SmtpTransport create(ResendConfig config) {
        return SmtpTransport.builder(config.smtp()).rules(ResendRules.all()).build();
    }
}
