package dev.mailgate.testing.webhook;

import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Decoded events, or the error of a payload that does not decode, as canonical, pretty-printed JSON: fixed key
 * order, empty optionals left out, metadata sorted. A fixture's {@code <scenario>.expected.json} holds exactly this
 * text, so a change in what a codec decodes shows up as a readable diff. {@code receivedAt} (the test's clock) and
 * {@code rawPayload} (the fixture itself) are left out.
 *
 * <p>Written by hand rather than with a JSON library so that this module needs none.
 */
public final class EventJson {
    private EventJson() {
    }

    /** The events as a JSON array, one object per event. */
    public static String render(List<MailEvent> events) {
        List<String> objects = new ArrayList<>();
        for (MailEvent e : events) {
            objects.add(object(fields(e), "  "));
        }
        return objects.isEmpty() ? "[]\n" : "[\n  " + String.join(",\n  ", objects) + "\n]\n";
    }

    /** The error as {@code {"error": {"format": ..., "location": ...}}}; the message is free text and left out. */
    public static String render(CallbackFormatException error) {
        Map<String, Object> inner = new java.util.LinkedHashMap<>();
        inner.put("format", error.format());
        inner.put("location", error.location());
        Map<String, Object> outer = new java.util.LinkedHashMap<>();
        outer.put("error", inner);
        return object(outer, "") + "\n";
    }

    private static Map<String, Object> fields(MailEvent e) {
        Map<String, Object> f = new java.util.LinkedHashMap<>();
        EventDetails d = e.details();
        f.put("type", e.type().name());
        f.put("provider", d.provider());
        d.recipient().ifPresent(r -> f.put("recipient", r.address()));
        d.occurredAt().ifPresent(t -> f.put("occurredAt", t.toString()));
        d.eventId().ifPresent(v -> f.put("eventId", v));
        d.messageId().ifPresent(v -> f.put("messageId", v));
        d.providerMessageId().ifPresent(v -> f.put("providerMessageId", v));
        d.campaign().ifPresent(v -> f.put("campaign", v));
        if (!d.tags().isEmpty()) {
            f.put("tags", d.tags());
        }
        if (!d.metadata().isEmpty()) {
            f.put("metadata", new TreeMap<>(d.metadata()));
        }
        if (e instanceof MailEvent.Bounced b) {
            f.put("bounceClass", b.bounceClass().name());
            f.put("reason", b.reason().id());
            diagnostic(b.diagnostic()).ifPresent(x -> f.put("diagnostic", x));
        } else if (e instanceof MailEvent.Deferred x) {
            f.put("reason", x.reason().id());
            diagnostic(x.diagnostic()).ifPresent(v -> f.put("diagnostic", v));
        } else if (e instanceof MailEvent.Blocked x) {
            f.put("reason", x.reason().id());
            diagnostic(x.diagnostic()).ifPresent(v -> f.put("diagnostic", v));
        } else if (e instanceof MailEvent.Delivered x) {
            diagnostic(x.diagnostic()).ifPresent(v -> f.put("diagnostic", v));
        } else if (e instanceof MailEvent.Complained x) {
            x.feedbackType().ifPresent(v -> f.put("feedbackType", v));
        } else if (e instanceof MailEvent.Clicked x) {
            x.url().ifPresent(v -> f.put("url", v));
        } else if (e instanceof MailEvent.Unsubscribed x) {
            f.put("scope", x.scope().name());
        } else if (e instanceof MailEvent.Unknown x) {
            f.put("kind", x.kind());
        }
        return f;
    }

    private static Optional<Map<String, Object>> diagnostic(Diagnostic d) {
        Map<String, Object> f = new java.util.LinkedHashMap<>();
        d.status().ifPresent(s -> f.put("status", s.toString()));
        d.replyCode().ifPresent(c -> f.put("replyCode", c));
        if (!d.text().isEmpty()) {
            f.put("text", d.text());
        }
        d.remoteMta().ifPresent(m -> f.put("remoteMta", m));
        return f.isEmpty() ? Optional.empty() : Optional.of(f);
    }

    private static String object(Map<String, ?> fields, String indent) {
        if (fields.isEmpty()) {
            return "{}";
        }
        StringBuilder sb = new StringBuilder("{\n");
        String inner = indent + "  ";
        int i = 0;
        for (Map.Entry<String, ?> entry : fields.entrySet()) {
            sb.append(inner).append(string(entry.getKey())).append(": ").append(value(entry.getValue(), inner));
            sb.append(++i < fields.size() ? ",\n" : "\n");
        }
        return sb.append(indent).append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private static String value(Object v, String indent) {
        if (v instanceof Map<?, ?> m) {
            return object((Map<String, ?>) m, indent);
        }
        if (v instanceof List<?> l) {
            List<String> items = new ArrayList<>();
            l.forEach(item -> items.add(value(item, indent)));
            return "[" + String.join(", ", items) + "]";
        }
        if (v instanceof Number n) {
            return n.toString();
        }
        return string(String.valueOf(v));
    }

    /** A JSON string literal (RFC 8259 section 7): quote, backslash and control characters escaped. */
    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
