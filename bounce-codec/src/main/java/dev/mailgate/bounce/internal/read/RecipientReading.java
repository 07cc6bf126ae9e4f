package dev.mailgate.bounce.internal.read;

import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a reader found about one recipient, before classification.
 *
 * @param diagnostic the remote server's words, as close to its reply as the format allows
 * @param context the surrounding explanation of the reporting MTA, used when the diagnostic says nothing
 */
public record RecipientReading(String recipient, Optional<EnhancedStatusCode> status, OptionalInt replyCode, String diagnostic,
        String context, Optional<String> action, Optional<String> originalRecipient, Optional<String> reportingMta,
        Optional<String> remoteMta) {

    public static RecipientReading of(String recipient, String diagnostic, String context) {
        return new RecipientReading(recipient, Replies.status(diagnostic), Replies.replyCode(diagnostic), diagnostic, context,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public RecipientReading withContext(String moreContext) {
        return new RecipientReading(recipient, status, replyCode, diagnostic, moreContext, action, originalRecipient, reportingMta, remoteMta);
    }

    public RecipientReading withStatus(Optional<EnhancedStatusCode> newStatus) {
        return new RecipientReading(recipient, newStatus, replyCode, diagnostic, context, action, originalRecipient, reportingMta, remoteMta);
    }
}
