package dev.mailgate.suppression;

/** Hears of every sender-side failure once (a replayed event is not heard again), after it is recorded. */
@FunctionalInterface
public interface SenderSignalListener {
    void onSenderSignal(SenderSignal signal);
}
