package dev.mailgate.micrometer;

import dev.mailgate.core.event.MailEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;

/**
 * Counts mail events wherever they were read (a webhook's format, the bounce mailbox): every event by type, bounces
 * by class and reason, complaints. Tags come from closed sets (EventType, BounceClass, BounceReason) and the
 * source's name, never from an event's address or ids.
 */
final class EventMeters {
    private final MeterRegistry registry;

    EventMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void count(String source, List<MailEvent> events) {
        for (MailEvent event : events) {
            count(source, event);
        }
    }

    void count(String source, MailEvent event) {
        Counter.builder("mailgate.events").description("mail events received, by source and type")
                .tag("source", source).tag("type", lower(event.type().name())).register(registry).increment();
        if (event instanceof MailEvent.Bounced b) {
            Counter.builder("mailgate.bounces").description("bounces (failed for good), by source, class and reason")
                    .tag("source", source).tag("class", lower(b.bounceClass().name())).tag("reason", b.reason().id())
                    .register(registry).increment();
        } else if (event instanceof MailEvent.Complained) {
            Counter.builder("mailgate.complaints").description("spam complaints (feedback reports), by source")
                    .tag("source", source).register(registry).increment();
        }
    }

    static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
