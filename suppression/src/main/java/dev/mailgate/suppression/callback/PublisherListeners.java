package dev.mailgate.suppression.callback;

import dev.mailgate.suppression.store.OutboxDepth;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The listeners of one publisher, told in the order they were added; each call is guarded, so that a throwing
 * listener is logged and skipped (the contract of {@link PublisherListener}).
 */
final class PublisherListeners {
    private static final System.Logger LOG = System.getLogger(CallbackPublisher.class.getName());

    private final List<PublisherListener.Factory> factories;

    PublisherListeners(List<PublisherListener.Factory> factories) {
        this.factories = List.copyOf(factories);
    }

    boolean isEmpty() {
        return factories.isEmpty();
    }

    PublisherListener create(String destination) {
        if (factories.isEmpty()) {
            return PublisherListener.NONE;
        }
        List<PublisherListener> made = new ArrayList<>(factories.size());
        for (PublisherListener.Factory f : factories) {
            try {
                PublisherListener l = f.create(destination);
                if (l != null) {
                    made.add(l);
                }
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "a PublisherListener.Factory threw; the flush goes on without that listener", e);
            }
        }
        return made.isEmpty() ? PublisherListener.NONE : new Fanout(List.copyOf(made));
    }

    /** Tells each listener in turn, catching what it throws. */
    private record Fanout(List<PublisherListener> listeners) implements PublisherListener {
        private void each(Consumer<PublisherListener> call) {
            for (PublisherListener l : listeners) {
                try {
                    call.accept(l);
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "a PublisherListener threw; publishing goes on", e);
                }
            }
        }

        @Override
        public void attemptStarted(String destination, int items, int attempt) {
            each(l -> l.attemptStarted(destination, items, attempt));
        }

        @Override
        public void delivered(String destination, int items, int status) {
            each(l -> l.delivered(destination, items, status));
        }

        @Override
        public void attemptFailed(String destination, int items, int status, String detail) {
            each(l -> l.attemptFailed(destination, items, status, detail));
        }

        @Override
        public void endpointFailing(String destination, String detail, int consecutive, Instant nextAttempt) {
            each(l -> l.endpointFailing(destination, detail, consecutive, nextAttempt));
        }

        @Override
        public void itemsRefused(String destination, int items, String detail) {
            each(l -> l.itemsRefused(destination, items, detail));
        }

        @Override
        public void endpointRecovered(String destination, int failedAttempts) {
            each(l -> l.endpointRecovered(destination, failedAttempts));
        }

        @Override
        public void outboxDepth(String destination, OutboxDepth depth) {
            each(l -> l.outboxDepth(destination, depth));
        }
    }
}
