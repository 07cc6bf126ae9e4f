package dev.mailgate.testing;

import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.transport.SendReceipt;
import java.util.Objects;

/**
 * A message a test transport accepted: what was passed in, the bytes it rendered to, and the receipt returned.
 */
public record SentMessage(OutboundMessage message, RenderedMessage rendered, SendReceipt receipt) {
    public SentMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(rendered, "rendered");
        Objects.requireNonNull(receipt, "receipt");
    }
}
