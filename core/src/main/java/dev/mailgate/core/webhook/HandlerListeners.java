package dev.mailgate.core.webhook;

import dev.mailgate.core.event.MailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The listeners of one handler, told in the order they were added; each call is guarded, so that a throwing listener
 * is logged and skipped and never breaks the request or silences the others (the contract of
 * {@link WebhookHandlerListener}).
 */
final class HandlerListeners implements WebhookHandlerListener.Factory {
    private static final System.Logger LOG = System.getLogger(WebhookHandler.class.getName());

    private final List<WebhookHandlerListener.Factory> factories;

    HandlerListeners(List<WebhookHandlerListener.Factory> factories) {
        this.factories = List.copyOf(factories);
    }

    @Override
    public WebhookHandlerListener create(WebhookRequest request) {
        if (factories.isEmpty()) {
            return WebhookHandlerListener.NONE;
        }
        List<WebhookHandlerListener> made = new ArrayList<>(factories.size());
        for (WebhookHandlerListener.Factory f : factories) {
            try {
                WebhookHandlerListener l = f.create(request);
                if (l != null) {
                    made.add(l);
                }
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "a WebhookHandlerListener.Factory threw; the request is handled without that listener", e);
            }
        }
        return made.isEmpty() ? WebhookHandlerListener.NONE : new Fanout(List.copyOf(made));
    }

    /** Tells each listener in turn, catching what it throws. */
    private record Fanout(List<WebhookHandlerListener> listeners) implements WebhookHandlerListener {
        private void each(Consumer<WebhookHandlerListener> call) {
            for (WebhookHandlerListener l : listeners) {
                try {
                    call.accept(l);
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "a WebhookHandlerListener threw; the request goes on", e);
                }
            }
        }

        @Override
        public void requestReceived(String format, WebhookRequest request) {
            each(l -> l.requestReceived(format, request));
        }

        @Override
        public void authenticationRefused(String reason) {
            each(l -> l.authenticationRefused(reason));
        }

        @Override
        public void eventsDecoded(List<MailEvent> events) {
            each(l -> l.eventsDecoded(events));
        }

        @Override
        public void duplicate(MailEvent event) {
            each(l -> l.duplicate(event));
        }

        @Override
        public void listenerFailed(Exception error) {
            each(l -> l.listenerFailed(error));
        }

        @Override
        public void statusReturned(WebhookResponse response) {
            each(l -> l.statusReturned(response));
        }

        @Override
        public void requestFailed(RuntimeException error) {
            each(l -> l.requestFailed(error));
        }
    }
}
