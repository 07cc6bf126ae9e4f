package dev.mailgate.bounce.mailbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The listeners of one poller, told in the order they were added; each call is guarded, so that a throwing listener
 * is logged and skipped (the contract of {@link PollerListener}).
 */
final class PollerListeners {
    private static final System.Logger LOG = System.getLogger(BounceMailboxPoller.class.getName());

    private final List<PollerListener.Factory> factories = new CopyOnWriteArrayList<>();

    void add(PollerListener.Factory factory) {
        factories.add(factory);
    }

    PollerListener create(String folder) {
        if (factories.isEmpty()) {
            return PollerListener.NONE;
        }
        List<PollerListener> made = new ArrayList<>(factories.size());
        for (PollerListener.Factory f : factories) {
            try {
                PollerListener l = f.create(folder);
                if (l != null) {
                    made.add(l);
                }
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "a PollerListener.Factory threw; the pass goes on without that listener", e);
            }
        }
        return made.isEmpty() ? PollerListener.NONE : new Fanout(List.copyOf(made));
    }

    /** Tells each listener in turn, catching what it throws. */
    private record Fanout(List<PollerListener> listeners) implements PollerListener {
        private void each(Consumer<PollerListener> call) {
            for (PollerListener l : listeners) {
                try {
                    call.accept(l);
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "a PollerListener threw; the pass goes on", e);
                }
            }
        }

        @Override
        public void passStarted(String folder) {
            each(l -> l.passStarted(folder));
        }

        @Override
        public void messageRead(int position, MessageVerdict verdict) {
            each(l -> l.messageRead(position, verdict));
        }

        @Override
        public void passEnded(PollResult result) {
            each(l -> l.passEnded(result));
        }

        @Override
        public void passFailed(RuntimeException error) {
            each(l -> l.passFailed(error));
        }
    }
}
