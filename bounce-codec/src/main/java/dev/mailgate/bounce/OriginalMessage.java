package dev.mailgate.bounce;

import dev.mailgate.core.message.Header;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a report says about the message that caused it, from its {@code message/rfc822} or
 * {@code text/rfc822-headers} part, or the copy an MTA quotes below its text: enough to tie the event to a send.
 *
 * @param messageId the Message-ID without angle brackets
 * @param envelopeId the RFC 3461 ENVID the sender gave (RFC 3464 {@code Original-Envelope-Id})
 * @param headers the original header fields as quoted, in order (empty when the report quotes none)
 */
public record OriginalMessage(Optional<String> messageId, Optional<String> envelopeId, List<Header> headers) {
    public static final OriginalMessage NONE = new OriginalMessage(Optional.empty(), Optional.empty(), List.of());

    public OriginalMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(envelopeId, "envelopeId");
        headers = List.copyOf(headers);
    }

    /** The first value of an original header, e.g. {@code X-Campaign}. */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.hasName(name)).map(Header::value).findFirst();
    }
}
