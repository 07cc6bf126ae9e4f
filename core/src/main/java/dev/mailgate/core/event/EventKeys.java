package dev.mailgate.core.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The identity of an event for de-duplication: the event id when the provider sends one or its codec derives one
 * (a codec whose format has no ids derives them so that distinct reports stay distinct and a retried delivery of the
 * same report keeps its id, e.g. the generic SMTP callback's content digest plus occurrence), else a SHA-256 of the
 * event as the provider sent it (its raw payload, type and recipient). Webhook retries and replayed ingestion use
 * it, so that one bounce is never counted twice; a store keeps the keys for its retention period
 * ({@code docs/suppression.md}), which is therefore the de-duplication window.
 */
public final class EventKeys {
    private EventKeys() {
    }

    public static String of(MailEvent event) {
        Optional<String> id = event.details().eventId();
        if (id.isPresent()) {
            return event.details().provider() + ":id:" + id.get();
        }
        String content = event.details().provider() + "\n" + event.type() + "\n"
                + event.recipient().map(Object::toString).orElse("") + "\n" + event.details().rawPayload();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return event.details().provider() + ":sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
