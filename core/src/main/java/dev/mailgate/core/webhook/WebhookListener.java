package dev.mailgate.core.webhook;

import dev.mailgate.core.event.MailEvent;
import java.util.List;

/** The application's side of a webhook: the suppression policy, a queue, a database. */
@FunctionalInterface
public interface WebhookListener {
    /**
     * Handles the new events of one delivery. Throwing makes the handler answer 500, so that the provider
     * delivers again; the events are then not recorded as seen.
     */
    void onEvents(List<MailEvent> events) throws Exception;
}
