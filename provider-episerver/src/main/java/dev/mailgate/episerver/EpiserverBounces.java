package dev.mailgate.episerver;

import dev.mailgate.bounce.BounceParser;
import dev.mailgate.bounce.mailbox.BounceHandler;
import dev.mailgate.bounce.mailbox.BounceMailboxPoller;
import dev.mailgate.bounce.mailbox.ImapBounceConfig;
import dev.mailgate.bounce.mailbox.ProcessedMessages;
import dev.mailgate.core.event.MailEvent;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Episerver manages blocked addresses and bounce limits itself and forwards returned mail to the bounce forwarding
 * address (seed 002). This watches that mailbox so the application learns of the bounces too: each forwarded
 * bounce is parsed and its events are handed to the consumer (the suppression policy, a listener); the message is
 * moved out of the folder only after the consumer returned.
 */
public final class EpiserverBounces {
    private EpiserverBounces() {
    }

    /**
     * @param mailbox the IMAP mailbox of {@link EpiserverConfig#bounceForwardingAddress()}
     * @param events receives every event of every bounce, complaint and auto-reply
     */
    public static BounceMailboxPoller watch(ImapBounceConfig mailbox, ProcessedMessages processed, Consumer<MailEvent> events) {
        Objects.requireNonNull(events, "events");
        BounceHandler handler = (report, list) -> list.forEach(events);
        return BounceMailboxPoller.create(mailbox, BounceParser.create(), handler, processed);
    }
}
