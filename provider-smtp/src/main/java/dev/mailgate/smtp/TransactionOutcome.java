package dev.mailgate.smtp;

import dev.mailgate.core.MailException;
import dev.mailgate.core.transport.SendReceipt;

/** What became of one message a session was given: exactly one of these per message. */
sealed interface TransactionOutcome {
    Prepared message();

    /** The server accepted it (2xx to the final dot). */
    record Delivered(Prepared message, SendReceipt receipt) implements TransactionOutcome {
    }

    /** It was refused, failed on the wire, could not be taken by this server, or was not attempted. */
    record Failed(Prepared message, MailException error) implements TransactionOutcome {
    }
}
