package dev.mailgate.sparkpost;

import java.util.Locale;

/**
 * Where the account lives: SparkPost's US and EU services are separate, each with its own SMTP host ("SMTP API",
 * https://developers.sparkpost.com/api/smtp/).
 */
public enum SparkPostRegion {
    US("smtp.sparkpostmail.com"), EU("smtp.eu.sparkpostmail.com");

    private final String smtpHost;

    SparkPostRegion(String smtpHost) {
        this.smtpHost = smtpHost;
    }

    public String smtpHost() {
        return smtpHost;
    }

    /** {@code us} or {@code eu}, any case. */
    public static SparkPostRegion parse(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "us" -> US;
            case "eu" -> EU;
            default -> throw new IllegalArgumentException("unknown SparkPost region " + name + "; us or eu");
        };
    }
}
