package dev.mailgate.cloudmailin.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailgate.bounce.BounceClassifier;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceJudgment;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.transport.EnhancedStatusCode;
import dev.mailgate.core.json.JsonPayloads;
import dev.mailgate.core.limits.InputLimits;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * CloudMailin's event webhook (seed 003): {@code {"events":[{"kind", "recipient", "message_id", "details"}]}}, several
 * events per POST, all decoded. {@code message_id} is the SMTP "Queued as" id (the receipt's
 * {@code providerMessageId}), not an RFC Message-ID. The seed says fields "will be expanded with additional details
 * over time", so unknown fields are ignored and an unknown kind is a {@link MailEvent.Unknown} keeping the raw JSON.
 * The payload has no event id or time: received-at is the arrival, and the event id is a hash of the event's JSON,
 * which is what de-duplicates a retried POST; an event identical to one before it in the same POST gets
 * {@code #1}, {@code #2}, ... appended, so that two look-alike reports stay two (the first keeps the plain hash, as
 * stores written before this rule have it).
 *
 * <table>
 * <caption>Kind to event</caption>
 * <tr><th>kind</th><th>MailEvent</th><th>why</th></tr>
 * <tr><td>delivery</td><td>Delivered</td><td>the receiving server accepted the message</td></tr>
 * <tr><td>bounce, bounce_reply</td><td>Bounced</td><td>a permanent failure (at once, or as a bounce mail later); the
 *     class and reason come from the diagnostic in {@code details} with the bounce-mail rules and core's
 *     {@code BounceJudgment}, and are UNDETERMINED/undefined (counted soft) when there is none, as for a bounce mail
 *     that says only that delivery failed</td></tr>
 * <tr><td>soft_bounce, dispatch_soft_bounce</td><td>Deferred</td><td>a temporary failure CloudMailin retries</td></tr>
 * <tr><td>rate_limit</td><td>Deferred (speeding)</td><td>the receiver throttled; delivery is retried</td></tr>
 * <tr><td>retries_exhausted</td><td>Bounced SOFT (expired)</td><td>gave up after retrying temporary failures: nothing
 *     says the address is bad</td></tr>
 * <tr><td>error</td><td>Bounced SOFT (systemerror)</td><td>the message failed inside the service, not at the
 *     recipient</td></tr>
 * <tr><td>blocked</td><td>Blocked (blocked)</td><td>CloudMailin refused to attempt delivery; counted as a signal
 *     about the sender, not the address</td></tr>
 * <tr><td>suppressed</td><td>Blocked (suppressed)</td><td>not attempted because the address is on the account's
 *     suppression list (it bounced or complained before): counts toward the address</td></tr>
 * <tr><td>complaint</td><td>Complained</td><td>the recipient reported the message as spam</td></tr>
 * <tr><td>open, read</td><td>Opened</td><td>the message was opened (read is a read receipt)</td></tr>
 * <tr><td>click</td><td>Clicked</td><td>a link was followed ({@code details.url})</td></tr>
 * <tr><td>auto_reply</td><td>AutoReplied</td><td>an automatic reply, never a bounce</td></tr>
 * <tr><td>registration, dispatch</td><td>Queued</td><td>accepted by CloudMailin / handed on towards the receiver</td></tr>
 * <tr><td>anything else</td><td>Unknown</td><td>kept whole (raw JSON), answered 200: new kinds are not errors</td></tr>
 * </table>
 */
public final class CloudMailinWebhookCodec implements CallbackCodec {
    public static final String FORMAT = "cloudmailin-webhook";
    static final String PROVIDER = "cloudmailin";
    /**
     * Parses within {@link InputLimits#defaults()} (size and nesting, InputLimits' documented bounds, no constants of its
     * own); the handler in front bounds the body with the application's limits.
     */
    static final ObjectMapper JSON = JsonPayloads.mapper(InputLimits.defaults());


    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public List<MailEvent> decode(byte[] payload, Instant receivedAt) {
        JsonNode root = JsonPayloads.read(FORMAT, JSON, payload, InputLimits.defaults());
        if (root == null || !root.isObject()) {
            throw new CallbackFormatException(FORMAT, "$", "expected an object {\"events\": [...]}", null);
        }
        JsonNode events = root.get("events");
        if (events == null || !events.isArray()) {
            throw new CallbackFormatException(FORMAT, "$.events", "missing or not an array", null);
        }
        List<MailEvent> out = new ArrayList<>(events.size());
        Map<String, Integer> seen = new HashMap<>(); // identical events so far in this POST
        for (int i = 0; i < events.size(); i++) {
            out.add(decodeEvent(events.get(i), "$.events[" + i + "]", receivedAt, seen));
        }
        return List.copyOf(out);
    }

    private MailEvent decodeEvent(JsonNode e, String path, Instant receivedAt, Map<String, Integer> seen) {
        if (!e.isObject()) {
            throw new CallbackFormatException(FORMAT, path, "expected an event object", null);
        }
        String kind = text(e, "kind", path).orElseThrow(() -> new CallbackFormatException(FORMAT, path + ".kind", "missing", null));
        String raw = e.toString();
        String digest = sha256(raw);
        int occurrence = seen.merge(digest, 1, Integer::sum) - 1;
        EventDetails.Builder d = EventDetails.builder(PROVIDER, receivedAt).rawPayload(raw)
                .eventId("sha256:" + digest + (occurrence == 0 ? "" : "#" + occurrence));
        Optional<String> recipient = text(e, "recipient", path);
        boolean known = Kind.of(kind).isPresent();
        if (recipient.isPresent()) {
            try {
                d.recipient(EmailAddress.parse(recipient.get()));
            } catch (InvalidAddressException ex) {
                throw new CallbackFormatException(FORMAT, path + ".recipient", ex.getMessage(), ex);
            }
        } else if (known) {
            throw new CallbackFormatException(FORMAT, path + ".recipient", "missing (every " + kind + " event names its recipient)", null);
        }
        text(e, "message_id", path).ifPresent(d::providerMessageId);
        JsonNode details = e.get("details");
        if (details != null && !details.isNull() && !details.isObject()) {
            throw new CallbackFormatException(FORMAT, path + ".details", "expected an object, got " + details.getNodeType(), null);
        }
        JsonNode det = details == null ? JSON.createObjectNode() : details;
        firstText(det, "timestamp", "time", "occurred_at").flatMap(CloudMailinWebhookCodec::instant).ifPresent(d::occurredAt);
        EventDetails ed = d.build();
        if (!known) {
            return new MailEvent.Unknown(ed, kind);
        }
        Diagnostic diagnostic = diagnostic(det);
        return switch (Kind.of(kind).get()) {
            case DELIVERY -> new MailEvent.Delivered(ed, diagnostic);
            case BOUNCE -> bounced(ed, diagnostic);
            case SOFT_BOUNCE -> new MailEvent.Deferred(ed, diagnostic.text().isEmpty() ? BounceReason.UNDEFINED
                    : BounceClassifier.reason(diagnostic.status(), diagnostic.text()), diagnostic);
            case RATE_LIMIT -> new MailEvent.Deferred(ed, BounceReason.SPEEDING, diagnostic);
            case RETRIES_EXHAUSTED -> new MailEvent.Bounced(ed, BounceClass.SOFT, BounceReason.EXPIRED, diagnostic);
            case ERROR -> new MailEvent.Bounced(ed, BounceClass.SOFT, BounceReason.SYSTEM_ERROR, diagnostic);
            case BLOCKED -> new MailEvent.Blocked(ed, BounceReason.BLOCKED, diagnostic);
            // not attempted because the address is on the account's suppression list: that says something about the
            // recipient (it bounced or complained before), so it counts toward the address (FailureSide.RECIPIENT)
            case SUPPRESSED -> new MailEvent.Blocked(ed, BounceReason.SUPPRESSED, diagnostic);
            case COMPLAINT -> new MailEvent.Complained(ed, firstText(det, "feedback_type", "complaint_type"));
            case OPEN -> new MailEvent.Opened(ed);
            case CLICK -> new MailEvent.Clicked(ed, firstText(det, "url", "link"));
            case AUTO_REPLY -> new MailEvent.AutoReplied(ed);
            case QUEUED -> new MailEvent.Queued(ed);
        };
    }

    /**
     * A permanent failure, judged as a bounce mail with the same diagnostic is ({@link BounceClassifier#judgment}):
     * "permanent" says the service stopped trying, not that the address is bad, so a bounce without a diagnostic is
     * undetermined (counted soft), as a bounce mail that says nothing more than {@code Action: failed} is (issue 17).
     */
    private static MailEvent bounced(EventDetails d, Diagnostic diagnostic) {
        BounceJudgment j = BounceClassifier.judgment(diagnostic, BounceClass.UNDETERMINED);
        return new MailEvent.Bounced(d, j.bounceClass(), j.reason(), diagnostic);
    }

    /** Whatever the details say about the SMTP response; tolerant of the field names a provider may use. */
    private static Diagnostic diagnostic(JsonNode det) {
        String text = firstText(det, "response", "smtp_response", "diagnostic", "diagnostic_code", "reason", "message", "error")
                .orElse("");
        Optional<EnhancedStatusCode> status = firstText(det, "status", "status_code", "enhanced_status").flatMap(EnhancedStatusCode::find)
                .or(() -> EnhancedStatusCode.find(text));
        OptionalInt reply = OptionalInt.empty();
        JsonNode code = det.get("code");
        if (code != null && code.canConvertToInt() && code.asInt() >= 200 && code.asInt() < 600) {
            reply = OptionalInt.of(code.asInt());
        }
        return new Diagnostic(status, reply, text, firstText(det, "remote_mta", "mx", "host"), BounceClassifier.stage(text));
    }

    private static Optional<String> text(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new CallbackFormatException(FORMAT, path + "." + field, "expected a string, got " + v.getNodeType(), null);
        }
        return v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText());
    }

    private static Optional<String> firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.get(f);
            if (v != null && (v.isTextual() || v.isNumber()) && !v.asText().isBlank()) {
                return Optional.of(v.asText());
            }
        }
        return Optional.empty();
    }

    private static Optional<Instant> instant(String value) {
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.strip())));
            } catch (NumberFormatException | java.time.DateTimeException n) {
                return Optional.empty(); // an unreadable (or out-of-range) optional time is not a reason to refuse the event
            }
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    @Override
    public boolean canEncode() {
        return true;
    }

    /**
     * Writes events as CloudMailin would POST them (for tests and fake servers). An event decoded from this format is
     * written back as it came (its raw JSON), so that decoding again gives the same event id, which is a hash of that
     * JSON (the de-duplication key); others are written from their fields. {@code Unsubscribed} has no CloudMailin
     * kind and is refused.
     */
    @Override
    public byte[] encode(List<MailEvent> events) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("events");
        for (int i = 0; i < events.size(); i++) {
            MailEvent event = events.get(i);
            if (event.details().provider().equals(PROVIDER) && !event.details().rawPayload().isEmpty()) {
                try {
                    array.add(JSON.readTree(event.details().rawPayload()));
                    continue;
                } catch (JsonProcessingException e) {
                    throw new IllegalArgumentException("event " + i + " carries raw JSON that does not parse", e);
                }
            }
            ObjectNode o = array.addObject();
            o.put("kind", kindOf(event, i));
            int index = i;
            o.put("recipient", event.recipient().orElseThrow(() -> new IllegalArgumentException(
                    "event " + index + " (" + event.type() + ") has no recipient; CloudMailin events always name one")).address());
            event.details().providerMessageId().ifPresent(id -> o.put("message_id", id));
            ObjectNode details = o.putObject("details");
            diagnosticOf(event).ifPresent(diag -> {
                if (!diag.text().isEmpty()) {
                    details.put("response", diag.text());
                }
                diag.status().ifPresent(s -> details.put("status", s.toString()));
            });
            if (event instanceof MailEvent.Clicked c) {
                c.url().ifPresent(u -> details.put("url", u));
            }
            if (event instanceof MailEvent.Complained c) {
                c.feedbackType().ifPresent(t -> details.put("feedback_type", t));
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a tree of strings", e);
        }
    }

    private static Optional<Diagnostic> diagnosticOf(MailEvent e) {
        if (e instanceof MailEvent.Bounced b) {
            return Optional.of(b.diagnostic());
        }
        if (e instanceof MailEvent.Deferred d) {
            return Optional.of(d.diagnostic());
        }
        if (e instanceof MailEvent.Blocked b) {
            return Optional.of(b.diagnostic());
        }
        if (e instanceof MailEvent.Delivered d) {
            return Optional.of(d.diagnostic());
        }
        return Optional.empty();
    }

    private static String kindOf(MailEvent e, int index) {
        return switch (e.type()) {
            case DELIVERED -> "delivery";
            case BOUNCED -> "bounce";
            case DEFERRED -> "soft_bounce";
            case BLOCKED -> ((MailEvent.Blocked) e).reason() == BounceReason.SUPPRESSED ? "suppressed" : "blocked";
            case COMPLAINED -> "complaint";
            case OPENED -> "open";
            case CLICKED -> "click";
            case AUTO_REPLIED -> "auto_reply";
            case QUEUED -> "dispatch";
            case UNKNOWN -> ((MailEvent.Unknown) e).kind();
            case UNSUBSCRIBED -> throw new IllegalArgumentException("event " + index + " (UNSUBSCRIBED) has no CloudMailin kind");
        };
    }

    /** The kinds this codec knows, grouped by what they map to. */
    private enum Kind {
        DELIVERY, BOUNCE, SOFT_BOUNCE, RATE_LIMIT, RETRIES_EXHAUSTED, ERROR, BLOCKED, SUPPRESSED, COMPLAINT, OPEN, CLICK, AUTO_REPLY, QUEUED;

        static Optional<Kind> of(String kind) {
            return Optional.ofNullable(switch (kind) {
                case "delivery" -> DELIVERY;
                case "bounce", "bounce_reply" -> BOUNCE;
                case "soft_bounce", "dispatch_soft_bounce" -> SOFT_BOUNCE;
                case "rate_limit" -> RATE_LIMIT;
                case "retries_exhausted" -> RETRIES_EXHAUSTED;
                case "error" -> ERROR;
                case "blocked" -> BLOCKED;
                case "suppressed" -> SUPPRESSED;
                case "complaint" -> COMPLAINT;
                case "open", "read" -> OPEN;
                case "click" -> CLICK;
                case "auto_reply" -> AUTO_REPLY;
                case "registration", "dispatch" -> QUEUED;
                default -> null;
            });
        }
    }
}
