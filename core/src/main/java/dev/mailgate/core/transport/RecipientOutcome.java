package dev.mailgate.core.transport;

import dev.mailgate.core.address.EmailAddress;
import java.util.Objects;

/** What happened to one envelope recipient of a send. */
public sealed interface RecipientOutcome {
    EmailAddress recipient();

    /** The server accepted the recipient (RCPT TO answered 2xx and the message was accepted after DATA). */
    record Accepted(EmailAddress recipient, SmtpReply reply) implements RecipientOutcome {
        public Accepted {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** The server refused the recipient; the message may still have gone to the others. */
    record Rejected(EmailAddress recipient, SmtpReply reply) implements RecipientOutcome {
        public Rejected {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(reply, "reply");
        }

        /** A 4xx refusal (such as 452 too many recipients) may succeed in a later attempt. */
        public boolean isTransient() {
            return reply.isTransientFailure();
        }
    }

    /** Not sent to at all, because the address is on a suppression or unsubscribe list. */
    record Suppressed(EmailAddress recipient, String reason) implements RecipientOutcome {
        public Suppressed {
            Objects.requireNonNull(recipient, "recipient");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
