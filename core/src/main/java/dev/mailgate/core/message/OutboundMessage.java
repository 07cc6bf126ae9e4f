package dev.mailgate.core.message;

import java.util.Optional;

/** What a {@code Transport} can send: a message Mailgate renders, or bytes the caller rendered. */
public sealed interface OutboundMessage permits EmailMessage, RawMessage {
    /** The envelope the message is sent with (derived from the headers unless overridden). */
    Envelope envelope();

    /** The Message-ID without angle brackets, if the message has one. */
    Optional<String> messageId();
}
