package dev.mailgate.bounce.mailbox;

import java.util.List;
import java.util.Objects;

/**
 * What one pass over the folder did.
 *
 * @param seen messages in the folder at the start of the pass (at most the configured maximum)
 * @param handled bounces, complaints and auto-replies handed to the handler and moved to the processed folder
 * @param duplicates messages already handled before (a crash between handling and moving), moved without handling
 * @param notBounces messages that are none of these, moved to the not-a-bounce folder
 * @param failures one line per message left in place (handler or server failure), to be retried next pass
 * @param unhandled one line per message that took longer than the message budget to read, with the reason: moved to
 *     the not-a-bounce folder unread by the handler and not retried
 */
public record PollResult(int seen, int handled, int duplicates, int notBounces, List<String> failures, List<String> unhandled) {
    public PollResult {
        failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
        unhandled = List.copyOf(Objects.requireNonNull(unhandled, "unhandled"));
    }

    /** A pass in which every message was read within its budget. */
    public PollResult(int seen, int handled, int duplicates, int notBounces, List<String> failures) {
        this(seen, handled, duplicates, notBounces, failures, List.of());
    }
}
