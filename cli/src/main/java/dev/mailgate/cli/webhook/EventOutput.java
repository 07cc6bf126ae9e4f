package dev.mailgate.cli.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailgate.core.Mailgate;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceJudgment;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Normalized events as {@code webhook decode} and {@code webhook serve} print them: one JSON object per line, or
 * TSV with a {@code #} header; and the lookup of a provider's codec, so both commands accept the same providers.
 */
final class EventOutput {
    private static final List<String> TSV_COLUMNS = List.of("type", "recipient", "provider", "providerMessageId", "bounceClass", "reason",
            "status", "occurredAt");

    private final ObjectMapper json = new ObjectMapper();
    private final PrintWriter out;
    private final boolean tsv;

    /** @param format json or tsv (checked by {@link #validFormat}) */
    EventOutput(PrintWriter out, String format) {
        this.out = out;
        this.tsv = format.equalsIgnoreCase("tsv");
    }

    static boolean validFormat(String format) {
        return format.equalsIgnoreCase("json") || format.equalsIgnoreCase("tsv");
    }

    /** The first codec of the provider with this id, if it has one. */
    static Optional<CallbackCodec> codec(String provider) {
        return Mailgate.provider(provider).flatMap(p -> p.codecs().stream().findFirst());
    }

    /** The usage error for a provider without a codec, naming those that have one. */
    static String noCodec(String provider) {
        return "no payload format for provider \"" + provider + "\"; providers with one: "
                + Mailgate.providers().stream().filter(p -> !p.codecs().isEmpty()).map(MailProvider::id).sorted().toList();
    }

    /** The TSV header line; nothing for JSON lines. */
    void header() {
        if (tsv) {
            out.println("#" + String.join("\t", TSV_COLUMNS));
        }
    }

    void print(MailEvent event) {
        ObjectNode o = row(json, event);
        if (tsv) {
            out.println(String.join("\t", TSV_COLUMNS.stream().map(k -> o.hasNonNull(k) ? o.get(k).asText().replace('\t', ' ') : "").toList()));
        } else {
            out.println(o.toString());
        }
    }

    static ObjectNode row(ObjectMapper json, MailEvent e) {
        ObjectNode o = json.createObjectNode();
        o.put("type", e.type().name().toLowerCase(Locale.ROOT));
        e.recipient().ifPresentOrElse(r -> o.put("recipient", r.address()), () -> o.putNull("recipient"));
        o.put("provider", e.details().provider());
        e.details().providerMessageId().ifPresentOrElse(id -> o.put("providerMessageId", id), () -> o.putNull("providerMessageId"));
        e.details().messageId().ifPresent(id -> o.put("messageId", id));
        o.putNull("bounceClass");
        o.putNull("reason");
        o.putNull("status");
        Optional<Diagnostic> diagnostic = Optional.empty();
        if (e instanceof MailEvent.Bounced b) {
            o.put("bounceClass", b.bounceClass().name().toLowerCase(Locale.ROOT));
            reason(o, b.reason());
            diagnostic = Optional.of(b.diagnostic());
        } else if (e instanceof MailEvent.Deferred d) {
            // a deferral is temporary; only one whose own status is permanent is judged as a final failure, as the
            // suppression policy counts it (core's BounceJudgment, the one decision)
            boolean hard = d.diagnostic().status().filter(EnhancedStatusCode::isPermanent)
                    .map(s -> BounceJudgment.of(d.reason(), Optional.of(s), d.diagnostic().stage()).bounceClass() == BounceClass.HARD)
                    .orElse(false);
            o.put("bounceClass", hard ? "hard" : "soft");
            reason(o, d.reason());
            diagnostic = Optional.of(d.diagnostic());
        } else if (e instanceof MailEvent.Blocked b) {
            reason(o, b.reason());
            diagnostic = Optional.of(b.diagnostic());
        } else if (e instanceof MailEvent.Unknown u) {
            o.put("kind", u.kind());
        } else if (e instanceof MailEvent.Clicked c) {
            c.url().ifPresent(url -> o.put("url", url));
        } else if (e instanceof MailEvent.Complained c) {
            c.feedbackType().ifPresent(t -> o.put("feedbackType", t));
        } else if (e instanceof MailEvent.Unsubscribed u) {
            o.put("scope", u.scope().name().toLowerCase(Locale.ROOT));
        }
        diagnostic.ifPresent(d -> {
            d.status().ifPresent(s -> o.put("status", s.toString()));
            d.replyCode().ifPresent(c -> o.put("replyCode", c));
            if (!d.text().isEmpty()) {
                o.put("diagnostic", d.text());
            }
        });
        e.details().occurredAt().ifPresentOrElse(t -> o.put("occurredAt", t.toString()), () -> o.putNull("occurredAt"));
        o.put("receivedAt", e.details().receivedAt().toString());
        e.details().eventId().ifPresent(id -> o.put("eventId", id));
        return o;
    }

    private static void reason(ObjectNode o, BounceReason r) {
        o.put("reason", r.id());
    }
}
