package dev.mailgate.sparkpost;

import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpTransport;
import dev.mailgate.sparkpost.rules.SparkPostRules;

/** Sends through SparkPost: an {@link SmtpTransport} with the preset and {@link SparkPostRules}. */
public final class SparkPostTransport {
    private SparkPostTransport() {
    }

    public static SmtpTransport create(SparkPostConfig config) {
        return create(config, SmtpEventListener.NONE);
    }

    /**
     * As {@link #create(SparkPostConfig)}, with a listener that hears every step of every send (for metrics, tracing);
     * its events name the provider {@code "sparkpost"} ({@link SmtpEventListener.Send#provider()}).
     */
    public static SmtpTransport create(SparkPostConfig config, SmtpEventListener listener) {
        return SmtpTransport.builder(config.smtp()).rules(SparkPostRules.all())
                .listener(listener).provider(SparkPostProvider.ID).build();
    }
}
