package dev.mailgate.core.event;

import java.time.Instant;
import java.util.List;

/**
 * Reads one provider's callback or webhook format into {@link MailEvent}s and, where the format allows, writes
 * events in it (to POST them to a service that expects that format).
 *
 * <p>Providers batch events, so decoding returns a list. An event kind the codec does not know becomes
 * {@link MailEvent.Unknown} with its raw payload, never an exception; only a payload that is not in the format at
 * all (malformed JSON, a missing required field) is a {@link CallbackFormatException}.
 */
public interface CallbackCodec {
    /** The format's id, e.g. {@code generic-smtp-callback} or {@code cloudmailin-webhook}. */
    String format();

    /**
     * @param payload the request body
     * @param receivedAt when the payload arrived; stamped on every event
     */
    List<MailEvent> decode(byte[] payload, Instant receivedAt);

    /** Whether {@link #encode} is supported by this format. */
    default boolean canEncode() {
        return false;
    }

    /**
     * Writes the events in this format.
     *
     * @throws UnsupportedOperationException when the format is receive-only ({@link #canEncode()} is false)
     * @throws IllegalArgumentException when an event cannot be expressed in the format, naming the event
     */
    default byte[] encode(List<MailEvent> events) {
        throw new UnsupportedOperationException("the " + format() + " format is receive-only: it cannot encode events");
    }
}
