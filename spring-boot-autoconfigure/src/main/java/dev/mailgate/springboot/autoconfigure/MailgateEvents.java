package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.webhook.WebhookListener;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.callback.CallbackPublisher;
import java.util.List;
import java.util.Optional;

/**
 * Where every received event goes, whichever way it came in (a webhook, the bounce mailbox): the suppression lists
 * first, then the callback outbox, then the application's {@link WebhookListener} beans. A failure anywhere throws,
 * so a webhook answers 500 (the provider retries) and the poller leaves the message in place; the store applies
 * each event once, so the retry does not count it twice.
 */
public final class MailgateEvents {
    private final Optional<Suppressions> suppressions;
    private final Optional<CallbackPublisher> publisher;
    private final List<WebhookListener> listeners;

    MailgateEvents(Optional<Suppressions> suppressions, Optional<CallbackPublisher> publisher, List<WebhookListener> listeners) {
        this.suppressions = suppressions;
        this.publisher = publisher;
        this.listeners = List.copyOf(listeners);
    }

    public void accept(List<MailEvent> events) throws Exception {
        if (events.isEmpty()) {
            return;
        }
        if (suppressions.isPresent()) {
            suppressions.get().ingestAll(events);
        }
        if (publisher.isPresent()) {
            publisher.get().publish(events);
        }
        for (WebhookListener l : listeners) {
            l.onEvents(events);
        }
    }
}
