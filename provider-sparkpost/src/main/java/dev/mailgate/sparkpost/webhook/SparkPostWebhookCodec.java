package dev.mailgate.sparkpost.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
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
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * SparkPost's event webhook ("Webhooks", https://developers.sparkpost.com/api/webhooks/, and the event reference
 * https://developers.sparkpost.com/api/events/): each POST is a batch, a JSON array of {@code {"msys": {<category>:
 * {...}}}} where the category is {@code message_event}, {@code track_event}, {@code unsubscribe_event},
 * {@code relay_event}, ... and the event inside has {@code type}, {@code event_id}, {@code timestamp} (Unix seconds,
 * often quoted), {@code rcpt_to}, {@code message_id}, {@code transmission_id}, {@code campaign_id}, {@code rcpt_tags},
 * {@code rcpt_meta} and, for failures, {@code bounce_class}, {@code error_code}, {@code reason} and {@code raw_reason}.
 * An element whose {@code msys} is empty is the batch SparkPost posts to check a new webhook's target: it decodes to
 * nothing. Each event keeps its own element as its raw JSON.
 *
 * <table>
 * <caption>SparkPost event to MailEvent</caption>
 * <tr><th>category / type</th><th>MailEvent</th><th>why</th></tr>
 * <tr><td>message_event / injection</td><td>Queued</td><td>SparkPost accepted the message</td></tr>
 * <tr><td>message_event / delivery</td><td>Delivered</td><td>the receiving server accepted it</td></tr>
 * <tr><td>message_event / delay</td><td>Deferred, reason from {@code raw_reason}</td><td>a temporary failure; SparkPost
 *     retries</td></tr>
 * <tr><td>message_event / bounce, out_of_band</td><td>by {@code bounce_class}, see {@link SparkPostBounceClasses}</td><td>an
 *     in-band refusal, or a bounce mail that came back later</td></tr>
 * <tr><td>message_event / policy_rejection</td><td>Blocked (rejected)</td><td>SparkPost's policy refused to send it (a
 *     suppression, a limit): the sender's side, nothing was attempted</td></tr>
 * <tr><td>message_event / generation_failure, generation_rejection</td><td>Blocked (contenterror / rejected)</td><td>the
 *     message could not be generated from its template, or generation was refused</td></tr>
 * <tr><td>message_event / spam_complaint</td><td>Complained ({@code fbtype})</td><td>a feedback-loop report</td></tr>
 * <tr><td>track_event / open, initial_open, amp_open, amp_initial_open</td><td>Opened</td><td></td></tr>
 * <tr><td>track_event / click, amp_click</td><td>Clicked ({@code target_link_url})</td><td></td></tr>
 * <tr><td>unsubscribe_event / list_unsubscribe, link_unsubscribe</td><td>Unsubscribed GLOBAL</td><td>SparkPost puts the
 *     address on its non-transactional suppression list</td></tr>
 * <tr><td>anything else (relay_event, sms_status, ab_test_event, ...)</td><td>Unknown</td><td>kept whole, answered 200</td></tr>
 * </table>
 */
public final class SparkPostWebhookCodec implements CallbackCodec {
    public static final String FORMAT = "sparkpost-webhook";
    static final String PROVIDER = "sparkpost";
    /** Parses within {@link InputLimits#defaults()}; the handler in front bounds the body with the application's limits. */
    static final ObjectMapper JSON = JsonPayloads.mapper(InputLimits.defaults());

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public List<MailEvent> decode(byte[] payload, Instant receivedAt) {
        JsonNode root = JsonPayloads.read(FORMAT, JSON, payload, InputLimits.defaults());
        if (root == null || !root.isArray()) {
            throw new CallbackFormatException(FORMAT, "$", "expected a batch: a JSON array of {\"msys\": ...}", null);
        }
        List<MailEvent> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            String path = "$[" + i + "]";
            JsonNode element = root.get(i);
            JsonNode msys = element.get("msys");
            if (!element.isObject() || msys == null || !msys.isObject()) {
                throw new CallbackFormatException(FORMAT, path + ".msys", "expected {\"msys\": {<category>: {...}}}", null);
            }
            Iterator<Map.Entry<String, JsonNode>> categories = msys.properties().iterator();
            if (!categories.hasNext()) {
                continue; // SparkPost's check of a new webhook's target posts empty msys objects
            }
            Map.Entry<String, JsonNode> category = categories.next();
            out.add(event(category.getKey(), category.getValue(), path + ".msys." + category.getKey(), element, receivedAt));
        }
        return out;
    }

    private static MailEvent event(String category, JsonNode e, String path, JsonNode element, Instant receivedAt) {
        if (!e.isObject()) {
            throw new CallbackFormatException(FORMAT, path, "expected an event object, got " + e.getNodeType(), null);
        }
        String type = text(e, "type", path).orElseThrow(() -> new CallbackFormatException(FORMAT, path + ".type", "missing", null));
        Optional<Kind> kind = Kind.of(category, type);
        EventDetails.Builder d = EventDetails.builder(PROVIDER, receivedAt).rawPayload(element.toString());
        Optional<String> rcpt = text(e, "rcpt_to", path);
        if (rcpt.isPresent()) {
            try {
                d.recipient(EmailAddress.parse(rcpt.get()));
            } catch (InvalidAddressException ex) {
                if (kind.isPresent()) {
                    throw new CallbackFormatException(FORMAT, path + ".rcpt_to", ex.getMessage(), ex);
                }
            }
        } else if (kind.isPresent()) {
            throw new CallbackFormatException(FORMAT, path + ".rcpt_to", "missing (every " + type + " event names its recipient)", null);
        }
        timestamp(e, path, d);
        text(e, "event_id", path).ifPresent(d::eventId);
        text(e, "message_id", path).ifPresent(d::providerMessageId);
        text(e, "campaign_id", path).ifPresent(d::campaign);
        text(e, "transmission_id", path).ifPresent(t -> d.metadata("sparkpost.transmission_id", t));
        tags(e.get("rcpt_tags"), path + ".rcpt_tags", d);
        JsonNode meta = e.get("rcpt_meta");
        if (meta != null && meta.isObject()) {
            for (Map.Entry<String, JsonNode> m : meta.properties()) {
                d.metadata(m.getKey(), m.getValue().isValueNode() ? m.getValue().asText() : m.getValue().toString());
            }
        }
        if (kind.isEmpty()) {
            return new MailEvent.Unknown(d.build(), type); // its category stays in the raw JSON
        }
        EventDetails details = d.build();
        Diagnostic diag = diagnostic(e, path);
        return switch (kind.get()) {
            case INJECTION -> new MailEvent.Queued(details);
            case DELIVERY -> new MailEvent.Delivered(details, diag);
            case DELAY -> new MailEvent.Deferred(details, SparkPostBounceClasses.classified(diag).orElse(BounceReason.UNDEFINED), diag);
            case BOUNCE -> SparkPostBounceClasses.event(bounceClass(e, path), details, diag, type);
            case POLICY_REJECTION -> new MailEvent.Blocked(details, BounceReason.REJECTED, diag);
            case GENERATION_FAILURE -> new MailEvent.Blocked(details, BounceReason.CONTENT_ERROR, diag);
            case GENERATION_REJECTION -> new MailEvent.Blocked(details, BounceReason.REJECTED, diag);
            case SPAM_COMPLAINT -> new MailEvent.Complained(details, text(e, "fbtype", path));
            case OPEN -> new MailEvent.Opened(details);
            case CLICK -> new MailEvent.Clicked(details, text(e, "target_link_url", path));
            case UNSUBSCRIBE -> new MailEvent.Unsubscribed(details, UnsubscribeScope.GLOBAL);
        };
    }

    /** {@code raw_reason} is the receiver's reply as given; {@code reason} the same with addresses redacted; {@code error_code} its code. */
    private static Diagnostic diagnostic(JsonNode e, String path) {
        String text = text(e, "raw_reason", path).or(() -> text(e, "reason", path)).orElse("");
        OptionalInt reply = OptionalInt.empty();
        Optional<String> code = text(e, "error_code", path);
        if (code.isPresent() && code.get().matches("[2-5]\\d\\d")) {
            reply = OptionalInt.of(Integer.parseInt(code.get()));
        }
        if (text.isEmpty() && reply.isEmpty()) {
            return Diagnostic.NONE;
        }
        Optional<EnhancedStatusCode> status = EnhancedStatusCode.find(text);
        return new Diagnostic(status, reply, text, Optional.empty());
    }

    private static Optional<Integer> bounceClass(JsonNode e, String path) {
        Optional<String> c = text(e, "bounce_class", path);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(c.get()));
        } catch (NumberFormatException ex) {
            throw new CallbackFormatException(FORMAT, path + ".bounce_class", "not a bounce classification code: " + abbreviate(c.get()), ex);
        }
    }

    private static void timestamp(JsonNode e, String path, EventDetails.Builder d) {
        Optional<String> ts = text(e, "timestamp", path);
        if (ts.isEmpty()) {
            return;
        }
        try {
            d.occurredAt(Instant.ofEpochSecond(Long.parseLong(ts.get())));
        } catch (NumberFormatException | DateTimeException ex) {
            throw new CallbackFormatException(FORMAT, path + ".timestamp", "expected Unix seconds, got " + abbreviate(ts.get()), ex);
        }
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

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** The events this codec maps; see the table above. */
    private enum Kind {
        INJECTION, DELIVERY, DELAY, BOUNCE, POLICY_REJECTION, GENERATION_FAILURE, GENERATION_REJECTION, SPAM_COMPLAINT, OPEN, CLICK, UNSUBSCRIBE;

        static Optional<Kind> of(String category, String type) {
            return Optional.ofNullable(switch (category) {
                case "message_event" -> switch (type) {
                    case "injection" -> INJECTION;
                    case "delivery" -> DELIVERY;
                    case "delay" -> DELAY;
                    case "bounce", "out_of_band" -> BOUNCE;
                    case "policy_rejection" -> POLICY_REJECTION;
                    case "generation_failure" -> GENERATION_FAILURE;
                    case "generation_rejection" -> GENERATION_REJECTION;
                    case "spam_complaint" -> SPAM_COMPLAINT;
                    default -> null;
                };
                case "track_event" -> switch (type) {
                    case "open", "initial_open", "amp_open", "amp_initial_open" -> OPEN;
                    case "click", "amp_click" -> CLICK;
                    default -> null;
                };
                case "unsubscribe_event" -> type.equals("list_unsubscribe") || type.equals("link_unsubscribe") ? UNSUBSCRIBE : null;
                default -> null;
            });
        }
    }
}
