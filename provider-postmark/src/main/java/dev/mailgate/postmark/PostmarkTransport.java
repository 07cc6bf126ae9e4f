package dev.mailgate.postmark;

import dev.mailgate.core.message.EmailMessage;
import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.postmark.rules.PostmarkRules;
import dev.mailgate.smtp.SmtpEventListener;
import dev.mailgate.smtp.SmtpTransport;

/**
 * Sends through Postmark: an {@link SmtpTransport} with the preset and {@link PostmarkRules}; a message that names no
 * stream gets the configured one in {@value PostmarkRules#MESSAGE_STREAM_HEADER}. A raw (pre-built) message is sent
 * as it is.
 */
public final class PostmarkTransport {
    private PostmarkTransport() {
    }

    public static SmtpTransport create(PostmarkConfig config) {
        return create(config, SmtpEventListener.NONE);
    }

    /**
     * As {@link #create(PostmarkConfig)}, with a listener that hears every step of every send (for metrics, tracing);
     * its events name the provider {@code "postmark"} ({@link SmtpEventListener.Send#provider()}).
     */
    public static SmtpTransport create(PostmarkConfig config, SmtpEventListener listener) {
        return SmtpTransport.builder(config.smtp()).rules(PostmarkRules.all()).preparer(m -> withStream(m, config))
                .listener(listener).provider(PostmarkProvider.ID).build();
    }

    static OutboundMessage withStream(OutboundMessage message, PostmarkConfig config) {
        if (config.messageStream().isEmpty() || !(message instanceof EmailMessage m) || !m.headers(PostmarkRules.MESSAGE_STREAM_HEADER).isEmpty()) {
            return message;
        }
        return m.toBuilder().header(PostmarkRules.MESSAGE_STREAM_HEADER, config.messageStream().get()).build();
    }
}
