package dev.mailgate.mailgun.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.bounce.BounceClassifier;
import dev.mailgate.bounce.Verdict;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.event.UnsubscribeScope;
import dev.mailgate.core.json.JsonPayloads;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Mailgun's webhook payload (https://documentation.mailgun.com/docs/mailgun/user-manual/webhooks/webhook-payloads):
 * one event per POST, {@code {"signature": {"timestamp", "token", "signature"}, "event-data": {...}}}; the event has
 * {@code event}, {@code id}, {@code timestamp} (Unix seconds with a fraction), {@code recipient},
 * {@code message.headers.message-id}, {@code tags}, {@code user-variables} (the message's
 * {@code X-Mailgun-Variables}, kept as metadata) and, for deliveries and failures, {@code delivery-status}. The
 * page warns that fields are added over time, so unknown fields are ignored. Mailgun sends no batches; the list this
 * codec returns has one element.
 *
 * <table>
 * <caption>Mailgun event to MailEvent (event types: https://documentation.mailgun.com/docs/mailgun/user-manual/events/event-types)</caption>
 * <tr><th>event</th><th>MailEvent</th><th>why</th></tr>
 * <tr><td>accepted</td><td>Queued</td><td>Mailgun accepted the message and queued it</td></tr>
 * <tr><td>delivered</td><td>Delivered</td><td>the receiving server accepted it ({@code delivery-status})</td></tr>
 * <tr><td>failed, severity temporary</td><td>Deferred, reason from {@code delivery-status}</td><td>"temporary
 *     rejected by an ESP": Mailgun retries</td></tr>
 * <tr><td>failed, severity permanent (or none), reason suppress-bounce / suppress-unsubscribe /
 *     suppress-complaint</td><td>Blocked (blocked)</td><td>the address was already on a suppression list: Mailgun did
 *     not try</td></tr>
 * <tr><td>failed, permanent, reason old</td><td>Bounced SOFT (expired)</td><td>"reached their retry limit": it gave
 *     up on temporary failures, which says nothing bad about the address</td></tr>
 * <tr><td>failed, permanent, any other reason (bounce, generic, espblock, ...)</td><td>Bounced, class and reason from
 *     {@code delivery-status} with the bounce-mail classifier; HARD/undefined when it says nothing</td><td>a hard bounce
 *     or an ESP's refusal; the SMTP reply tells which</td></tr>
 * <tr><td>rejected</td><td>Blocked (rejected), {@code reject.reason} as the text</td><td>Mailgun refused the
 *     request to send (the sender's side: a sandbox domain, a disabled account); nothing reached the recipient</td></tr>
 * <tr><td>opened</td><td>Opened</td><td>an open was tracked</td></tr>
 * <tr><td>clicked</td><td>Clicked ({@code url})</td><td>a tracked link was followed</td></tr>
 * <tr><td>unsubscribed</td><td>Unsubscribed GLOBAL</td><td>the recipient used the unsubscribe link</td></tr>
 * <tr><td>complained</td><td>Complained</td><td>the recipient pressed the spam button (feedback loop)</td></tr>
 * <tr><td>anything else (stored, list events, ...)</td><td>Unknown</td><td>kept whole (raw JSON), answered 200</td></tr>
 * </table>
 *
 * <p>The reasons {@code old} and {@code suppress-*} appear in Mailgun's payloads and event log but not as a documented
 * list; an unknown reason falls to the last permanent row, the safe one.
 */
public final class MailgunWebhookCodec implements CallbackCodec {
    public static final String FORMAT = "mailgun-webhook";
    static final String PROVIDER = "mailgun";
    /** Parses within {@link InputLimits#defaults()}; the handler in front bounds the body with the application's limits. */
    static final ObjectMapper JSON = JsonPayloads.mapper(InputLimits.defaults());


    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public List<MailEvent> decode(byte[] payload, Instant receivedAt) {
        JsonNode root = JsonPayloads.read(FORMAT, JSON, payload, InputLimits.defaults());
        if (root == null || !root.isObject()) {
            throw new CallbackFormatException(FORMAT, "$", "expected an object {\"signature\": ..., \"event-data\": ...}", null);
        }
        JsonNode e = root.get("event-data");
        String path = "$.event-data";
        if (e == null || !e.isObject()) {
            throw new CallbackFormatException(FORMAT, path, "missing or not an object", null);
        }
        String kind = text(e, "event", path).orElseThrow(() -> new CallbackFormatException(FORMAT, path + ".event", "missing", null));
        Optional<Kind> known = Kind.of(kind);
        EventDetails.Builder d = EventDetails.builder(PROVIDER, receivedAt).rawPayload(e.toString());
        Optional<String> recipient = text(e, "recipient", path);
        if (recipient.isPresent()) {
            try {
                d.recipient(EmailAddress.parse(recipient.get()));
            } catch (InvalidAddressException ex) {
                throw new CallbackFormatException(FORMAT, path + ".recipient", ex.getMessage(), ex);
            }
        } else if (known.isPresent()) {
            throw new CallbackFormatException(FORMAT, path + ".recipient", "missing (every " + kind + " event names its recipient)", null);
        }
        JsonNode ts = e.get("timestamp");
        if (ts != null && !ts.isNull()) {
            if (!ts.isNumber()) {
                throw new CallbackFormatException(FORMAT, path + ".timestamp", "expected Unix seconds, got " + ts, null);
            }
            try {
                BigDecimal seconds = ts.decimalValue();
                d.occurredAt(Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue()));
            } catch (DateTimeException | ArithmeticException ex) {
                throw new CallbackFormatException(FORMAT, path + ".timestamp", "out of range: " + ts, ex);
            }
        }
        text(e, "id", path).ifPresent(d::eventId);
        JsonNode headers = e.path("message").path("headers");
        if (headers.isObject()) {
            text(headers, "message-id", path + ".message.headers").map(MailgunWebhookCodec::unbracket).ifPresent(d::messageId);
        }
        tags(e.get("tags"), path + ".tags", d);
        JsonNode vars = e.get("user-variables");
        if (vars != null && vars.isObject()) {
            for (Map.Entry<String, JsonNode> v : vars.properties()) {
                d.metadata(v.getKey(), v.getValue().isValueNode() ? v.getValue().asText() : v.getValue().toString());
            }
        }
        if (known.isEmpty()) {
            return List.of(new MailEvent.Unknown(d.build(), kind));
        }
        EventDetails details = d.build();
        return List.of(switch (known.get()) {
            case ACCEPTED -> new MailEvent.Queued(details);
            case DELIVERED -> new MailEvent.Delivered(details, diagnostic(e, path));
            case FAILED -> failed(e, path, details);
            case REJECTED -> {
                String why = e.path("reject").path("reason").asText("");
                // Mailgun's own refusal of the sending request (e.g. a sandbox domain), not a receiver's reply to classify
                yield new MailEvent.Blocked(details, BounceReason.REJECTED, why.isBlank() ? Diagnostic.NONE : Diagnostic.ofText(why));
            }
            case OPENED -> new MailEvent.Opened(details);
            case CLICKED -> new MailEvent.Clicked(details, text(e, "url", path));
            case UNSUBSCRIBED -> new MailEvent.Unsubscribed(details, UnsubscribeScope.GLOBAL);
            case COMPLAINED -> new MailEvent.Complained(details, Optional.empty());
        });
    }

    private static MailEvent failed(JsonNode e, String path, EventDetails d) {
        String severity = text(e, "severity", path).orElse("permanent");
        String reason = text(e, "reason", path).orElse("");
        Diagnostic diag = diagnostic(e, path);
        boolean silent = diag.text().isEmpty() && diag.status().isEmpty() && diag.replyCode().isEmpty();
        BounceReason classified = silent ? BounceReason.UNDEFINED : BounceClassifier.reason(diag.status(), diag.text());
        if (severity.equals("temporary")) {
            return new MailEvent.Deferred(d, classified, diag);
        }
        if (reason.startsWith("suppress-")) {
            // not attempted: the address is on Mailgun's bounce, unsubscribe or complaint list (about the recipient)
            return new MailEvent.Blocked(d, BounceReason.SUPPRESSED, diag);
        }
        if (reason.equals("old")) {
            return new MailEvent.Bounced(d, BounceClass.SOFT, BounceReason.EXPIRED, diag);
        }
        if (silent) {
            return new MailEvent.Bounced(d, BounceClass.HARD, BounceReason.UNDEFINED, diag);
        }
        Verdict verdict = Verdict.ofFailure(classified, diag.status());
        BounceClass c = verdict == Verdict.HARD ? BounceClass.HARD : verdict == Verdict.SOFT ? BounceClass.SOFT : BounceClass.UNDETERMINED;
        return new MailEvent.Bounced(d, c, classified, diag);
    }

    /** {@code delivery-status}: {@code code} (SMTP reply), {@code message} and {@code description} (texts), {@code mx-host}. */
    private static Diagnostic diagnostic(JsonNode e, String path) {
        JsonNode ds = e.get("delivery-status");
        if (ds == null || ds.isNull()) {
            return Diagnostic.NONE;
        }
        String at = path + ".delivery-status";
        if (!ds.isObject()) {
            throw new CallbackFormatException(FORMAT, at, "expected an object, got " + ds.getNodeType(), null);
        }
        String message = text(ds, "message", at).orElse("");
        String description = text(ds, "description", at).orElse("");
        String joined = message.isEmpty() ? description : description.isEmpty() || description.equals(message) ? message : message + " " + description;
        OptionalInt reply = OptionalInt.empty();
        JsonNode code = ds.get("code");
        if (code != null && code.canConvertToInt() && code.asInt() >= 200 && code.asInt() < 600) {
            reply = OptionalInt.of(code.asInt());
        }
        // the classifier reads the reply code from the text, as in a bounce mail: "550 mailbox unavailable"
        String text = reply.isPresent() && !joined.startsWith(Integer.toString(reply.getAsInt())) ? (reply.getAsInt() + " " + joined).strip() : joined;
        Optional<EnhancedStatusCode> status = text(ds, "enhanced-code", at).flatMap(EnhancedStatusCode::find).or(() -> EnhancedStatusCode.find(text));
        return new Diagnostic(status, reply, text, text(ds, "mx-host", at));
    }

    private static void tags(JsonNode tags, String path, EventDetails.Builder d) {
        if (tags == null || tags.isNull()) {
            return;
        }
        if (!tags.isArray()) {
            throw new CallbackFormatException(FORMAT, path, "expected a list of strings, got " + tags.getNodeType(), null);
        }
        for (int i = 0; i < tags.size(); i++) {
            if (!tags.get(i).isTextual()) {
                throw new CallbackFormatException(FORMAT, path + "[" + i + "]", "expected a string, got " + tags.get(i).getNodeType(), null);
            }
            d.tag(tags.get(i).asText());
        }
    }

    private static Optional<String> text(JsonNode node, String field, String path) {
        return JsonPayloads.text(FORMAT, node, field, path);
    }

    private static String unbracket(String id) {
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }

    /** The kinds this codec maps; see the table above. */
    private enum Kind {
        ACCEPTED, DELIVERED, FAILED, REJECTED, OPENED, CLICKED, UNSUBSCRIBED, COMPLAINED;

        static Optional<Kind> of(String event) {
            return Optional.ofNullable(switch (event) {
                case "accepted" -> ACCEPTED;
                case "delivered" -> DELIVERED;
                case "failed" -> FAILED;
                case "rejected" -> REJECTED;
                case "opened" -> OPENED;
                case "clicked" -> CLICKED;
                case "unsubscribed" -> UNSUBSCRIBED;
                case "complained" -> COMPLAINED;
                default -> null;
            });
        }
    }
}
