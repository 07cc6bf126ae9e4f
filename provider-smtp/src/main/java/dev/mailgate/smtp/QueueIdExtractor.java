package dev.mailgate.smtp;

import dev.mailgate.core.transport.SmtpReply;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the provider's id of a message in the server's reply to the final dot. Provider modules supply theirs. */
@FunctionalInterface
public interface QueueIdExtractor {
    Optional<String> extract(SmtpReply finalReply);

    /**
     * The common "queued as ID" form: Postfix ({@code 250 2.0.0 Ok: queued as 4Bx1Yq2k3Sz}), CloudMailin
     * ({@code 250 Thanks! Queued as: f78b876d-dd97-4e10-9a61-067f98044cc7}) and many others.
     */
    static QueueIdExtractor queuedAs() {
        Pattern pattern = Pattern.compile("(?i)queued as:?\\s*<?([A-Za-z0-9][A-Za-z0-9._@-]*)>?");
        return reply -> {
            Matcher m = pattern.matcher(reply.text());
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        };
    }
}
