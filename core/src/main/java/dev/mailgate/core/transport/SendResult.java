package dev.mailgate.core.transport;

import dev.mailgate.core.MailException;
import dev.mailgate.core.message.OutboundMessage;
import java.util.Objects;

/** The result of one message of a batch: sent, or failed with the error that a single send would have thrown. */
public sealed interface SendResult {
    OutboundMessage message();

    record Sent(OutboundMessage message, SendReceipt receipt) implements SendResult {
        public Sent {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(receipt, "receipt");
        }
    }

    record Failed(OutboundMessage message, MailException error) implements SendResult {
        public Failed {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(error, "error");
        }
    }
}
