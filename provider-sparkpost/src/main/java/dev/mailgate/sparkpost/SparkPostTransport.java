package dev.mailgate.sparkpost;

import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.sparkpost.rules.SparkPostRules;

/** Sends through SparkPost: an {@link SmtpTransport} with the preset and {@link SparkPostRules}. */
public final class SparkPostTransport {
    private SparkPostTransport() {
    }

    public static SmtpTransport create(SparkPostConfig config) {
        return SmtpTransport.builder(config.smtp()).rules(SparkPostRules.all()).build();
    }
}
