package dev.mailgate.bounce.mailbox;

/**
 * Hears what a {@link BounceMailboxPoller} does in each pass over the folder, for metrics, tracing and a health
 * check ("is the poller alive"). Every method has a no-op default (the style of OkHttp's {@code EventListener}).
 *
 * <p>For one pass the calls come in this order, on the polling thread:
 * <pre>
 * passStarted messageRead* ( passEnded | passFailed )
 * </pre>
 * {@code messageRead} comes once per message the pass looked at (a message already flagged deleted is skipped
 * without one), after the message was moved, or left in place when it {@link MessageVerdict.Failed failed}.
 * Exactly one of {@code passEnded} and {@code passFailed} ends every pass: {@code passFailed} when the pass could not
 * go on (the server refused the login, the folder is missing, the connection dropped), after which the poller
 * reconnects for the next one.
 *
 * <p>A listener that throws is logged and ignored: it never changes what is handled or moved, and the other
 * listeners are still told. Listeners that keep state for a pass (a timer, a span) are made per pass by a
 * {@link Factory}.
 */
public interface PollerListener {
    /** Hears nothing. */
    PollerListener NONE = new PollerListener() {
    };

    /** @param folder the monitored folder, as configured */
    default void passStarted(String folder) {
    }

    /** @param position the message's 1-based position in the folder at the start of the pass */
    default void messageRead(int position, MessageVerdict verdict) {
    }

    /** The pass went over the folder; the last call of the pass. */
    default void passEnded(PollResult result) {
    }

    /** The pass could not go on; the last call of the pass (the exception propagates from {@code pollOnce}). */
    default void passFailed(RuntimeException error) {
    }

    /** Makes the listener of one pass; called once at the start of each pass. */
    @FunctionalInterface
    interface Factory {
        PollerListener create(String folder);
    }
}
