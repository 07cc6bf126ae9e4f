package dev.mailgate.bounce.mailbox;

import dev.mailgate.bounce.BounceReport;
import dev.mailgate.core.event.MailEvent;
import java.util.List;

/**
 * Receives each bounce the poller reads (a listener, or the suppression policy). The message is moved out of the
 * monitored folder only after this returns normally; if it throws, the message stays and is offered again.
 */
@FunctionalInterface
public interface BounceHandler {
    void handle(BounceReport report, List<MailEvent> events) throws Exception;
}
