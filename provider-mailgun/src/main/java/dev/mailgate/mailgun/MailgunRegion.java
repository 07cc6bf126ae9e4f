package dev.mailgate.mailgun;

import java.util.Locale;

/**
 * Where the sending domain lives: Mailgun keeps US and EU domains apart, each with its own SMTP host (the same
 * split as {@code api.mailgun.net} / {@code api.eu.mailgun.net} in "Send via HTTP",
 * https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-http).
 */
public enum MailgunRegion {
    US("smtp.mailgun.org"), EU("smtp.eu.mailgun.org");

    private final String smtpHost;

    MailgunRegion(String smtpHost) {
        this.smtpHost = smtpHost;
    }

    public String smtpHost() {
        return smtpHost;
    }

    /** {@code us} or {@code eu}, any case. */
    public static MailgunRegion parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "us" -> US;
            case "eu" -> EU;
            default -> throw new IllegalArgumentException("unknown Mailgun region " + name + "; us or eu");
        };
    }
}
