package dev.mailgate.episerver;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.EmailMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Shapes messages for Episerver's rules. */
public final class EpiserverMessages {
    private EpiserverMessages() {
    }

    /**
     * One message per recipient (To, Cc and Bcc together, duplicates once), each with only that recipient in To,
     * no Cc/Bcc, and its own Message-ID from {@link EpiserverMessageIds}: Episerver allows exactly one To and no
     * copies. Everything else (subject, bodies, attachments, headers, tags) is shared.
     */
    public static List<EmailMessage> perRecipient(EmailMessage message) {
        Set<EmailAddress> recipients = new LinkedHashSet<>();
        recipients.addAll(message.to());
        recipients.addAll(message.cc());
        recipients.addAll(message.bcc());
        List<EmailMessage> out = new ArrayList<>(recipients.size());
        for (EmailAddress r : recipients) {
            out.add(message.toBuilder().clearRecipients().to(r).envelopeRecipients(List.of()).messageId(null)
                    .messageIdGenerator(EpiserverMessageIds.generator()).build());
        }
        return List.copyOf(out);
    }
}
