package dev.mailgate.sendgrid.webhook;

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
import dev.mailgate.core.transport.EnhancedStatusCode;
import dev.mailgate.core.json.JsonPayloads;
import dev.mailgate.core.limits.InputLimits;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * SendGrid's Event Webhook (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event): a JSON array
 * of event objects per POST, each with {@code event}, {@code email}, {@code timestamp} (Unix seconds),
 * {@code sg_event_id}, {@code sg_message_id}, {@code smtp-id} and per-kind fields. All events of a batch are decoded.
 * Unique/custom arguments arrive as extra top-level fields; those with a string or number value become
 * {@code metadata}, and {@code category} (a string or a list) becomes the tags.
 *
 * <table>
 * <caption>SendGrid event to MailEvent</caption>
 * <tr><th>event</th><th>MailEvent</th><th>why</th></tr>
 * <tr><td>processed</td><td>Queued</td><td>SendGrid accepted the message and will try to deliver it</td></tr>
 * <tr><td>delivered</td><td>Delivered</td><td>the receiving server accepted it ({@code response} is its reply)</td></tr>
 * <tr><td>deferred</td><td>Deferred, reason from {@code response}</td><td>a temporary refusal; SendGrid retries</td></tr>
 * <tr><td>bounce ({@code type} bounce or absent)</td><td>Bounced, class and reason from {@code status} and
 *     {@code reason} with the bounce-mail classifier; HARD/undefined when they say nothing</td><td>the receiver refused
 *     for good, and SendGrid puts the address on its bounce list</td></tr>
 * <tr><td>bounce with {@code type} blocked</td><td>Blocked, reason from the text (default blocked)</td><td>a block is the
 *     receiver refusing this sender (reputation, content), not a bad address; SendGrid does not suppress it</td></tr>
 * <tr><td>dropped</td><td>Blocked: {@code reason} "Spam Content…" spamdetected, "Invalid SMTPAPI header"/"Invalid"
 *     syntaxerror, otherwise blocked</td><td>SendGrid did not attempt delivery (a suppressed address, an invalid
 *     message)</td></tr>
 * <tr><td>spamreport</td><td>Complained (abuse)</td><td>the recipient marked the message as spam</td></tr>
 * <tr><td>unsubscribe</td><td>Unsubscribed GLOBAL</td><td>the recipient left all mail</td></tr>
 * <tr><td>group_unsubscribe</td><td>Unsubscribed CAMPAIGN, campaign {@code asm_group:<asm_group_id>}</td><td>the
 *     recipient left one unsubscribe group</td></tr>
 * <tr><td>open</td><td>Opened</td><td>an open was tracked (also Apple MPP machine opens, flagged in metadata)</td></tr>
 * <tr><td>click</td><td>Clicked ({@code url})</td><td>a tracked link was followed</td></tr>
 * <tr><td>any event whose {@code email} is not an address</td><td>Unknown, the text in metadata
 *     {@code invalid_email}</td><td>SendGrid drops such addresses with reason "Invalid" and reports the text as sent;
 *     it names no recipient we could suppress, and refusing the batch would lose the rest</td></tr>
 * <tr><td>group_resubscribe, account_status_change, anything else</td><td>Unknown</td><td>no event of ours means it
 *     (a resubscribe is not an unsubscribe; an account event concerns no message); kept whole, not an error</td></tr>
 * </table>
 */
public final class SendGridWebhookCodec implements CallbackCodec {
    public static final String FORMAT = "sendgrid-event-webhook";
    static final String PROVIDER = "sendgrid";
    /**
     * Parses within {@link InputLimits#defaults()} (size and nesting, InputLimits' documented bounds, no constants of its
     * own); the handler in front bounds the body with the application's limits.
     */
    static final ObjectMapper JSON = JsonPayloads.mapper(InputLimits.defaults());
    /** Fields with a meaning of their own; every other top-level string or number is a unique/custom argument. */
    private static final Set<String> RESERVED = Set.of("email", "timestamp", "event", "sg_event_id", "sg_message_id", "smtp-id",
            "category", "response", "attempt", "reason", "status", "type", "url", "url_offset", "useragent", "ip", "tls", "cert_err",
            "asm_group_id", "marketing_campaign_id", "marketing_campaign_name", "marketing_campaign_version",
            "marketing_campaign_split_id", "pool", "bounce_classification", "sg_machine_open", "sg_content_type", "sg_template_id",
            "sg_template_name", "send_at", "singlesend_id", "singlesend_name", "template_id", "template_version_id", "post_type");


    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public List<MailEvent> decode(byte[] payload, Instant receivedAt) {
        JsonNode root = JsonPayloads.read(FORMAT, JSON, payload, InputLimits.defaults());
        if (root == null || !root.isArray()) {
            throw new CallbackFormatException(FORMAT, "$", "expected an array of events [{\"event\": ...}, ...]", null);
        }
        List<MailEvent> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            out.add(decodeEvent(root.get(i), "$[" + i + "]", receivedAt));
        }
        return List.copyOf(out);
    }

    private MailEvent decodeEvent(JsonNode e, String path, Instant receivedAt) {
        if (!e.isObject()) {
            throw new CallbackFormatException(FORMAT, path, "expected an event object, got " + e.getNodeType(), null);
        }
        String kind = text(e, "event", path).orElseThrow(() -> new CallbackFormatException(FORMAT, path + ".event", "missing", null));
        Optional<Kind> known = Kind.of(kind);
        EventDetails.Builder d = EventDetails.builder(PROVIDER, receivedAt).rawPayload(e.toString());
        Optional<String> email = text(e, "email", path);
        if (email.isPresent()) {
            try {
                d.recipient(EmailAddress.parse(email.get()));
            } catch (InvalidAddressException ex) {
                // SendGrid reports drops of unparseable addresses with the text as sent (the reference's dropped/Invalid
                // example): refusing the batch would lose its other events to endless retries, so keep this one whole.
                known = Optional.empty();
                d.metadata("invalid_email", email.get());
            }
        } else if (known.isPresent()) {
            throw new CallbackFormatException(FORMAT, path + ".email", "missing (every " + kind + " event names its recipient)", null);
        }
        JsonNode ts = e.get("timestamp");
        if (ts != null && !ts.isNull()) {
            if (!ts.canConvertToLong()) {
                throw new CallbackFormatException(FORMAT, path + ".timestamp", "expected Unix seconds, got " + ts, null);
            }
            try {
                d.occurredAt(Instant.ofEpochSecond(ts.asLong()));
            } catch (DateTimeException ex) {
                throw new CallbackFormatException(FORMAT, path + ".timestamp", "out of range: " + ts, ex);
            }
        }
        text(e, "sg_event_id", path).ifPresent(d::eventId);
        text(e, "sg_message_id", path).ifPresent(d::providerMessageId);
        text(e, "smtp-id", path).map(SendGridWebhookCodec::unbracket).ifPresent(d::messageId);
        tags(e.get("category"), path + ".category").forEach(d::tag);
        metadata(e, d);
        if (known.isEmpty()) {
            return new MailEvent.Unknown(d.build(), kind);
        }
        return switch (known.get()) {
            case PROCESSED -> new MailEvent.Queued(d.build());
            case DELIVERED -> new MailEvent.Delivered(d.build(), diagnostic(e, path));
            case DEFERRED -> {
                Diagnostic diag = diagnostic(e, path);
                yield new MailEvent.Deferred(d.build(), diag.text().isEmpty() ? BounceReason.UNDEFINED
                        : BounceClassifier.reason(diag.status(), diag.text()), diag);
            }
            case BOUNCE -> bounce(e, path, d.build());
            case DROPPED -> new MailEvent.Blocked(d.build(), droppedReason(text(e, "reason", path).orElse("")), diagnostic(e, path));
            case SPAMREPORT -> new MailEvent.Complained(d.build(), Optional.of("abuse"));
            case UNSUBSCRIBE -> new MailEvent.Unsubscribed(d.build(), UnsubscribeScope.GLOBAL);
            case GROUP_UNSUBSCRIBE -> {
                JsonNode group = e.get("asm_group_id");
                if (group == null || !group.canConvertToLong()) {
                    throw new CallbackFormatException(FORMAT, path + ".asm_group_id", "missing or not a number (a group unsubscribe names "
                            + "its group)", null);
                }
                yield new MailEvent.Unsubscribed(d.campaign("asm_group:" + group.asLong()).build(), UnsubscribeScope.CAMPAIGN);
            }
            case OPEN -> new MailEvent.Opened(d.build());
            case CLICK -> new MailEvent.Clicked(d.build(), text(e, "url", path));
        };
    }

    private static MailEvent bounce(JsonNode e, String path, EventDetails d) {
        Diagnostic diag = diagnostic(e, path);
        boolean blocked = text(e, "type", path).map(t -> t.equalsIgnoreCase("blocked")).orElse(false);
        boolean silent = diag.text().isEmpty() && diag.status().isEmpty();
        BounceReason reason = silent ? BounceReason.UNDEFINED : BounceClassifier.reason(diag.status(), diag.text());
        if (blocked) {
            return new MailEvent.Blocked(d, reason == BounceReason.UNDEFINED ? BounceReason.BLOCKED : reason, diag);
        }
        if (silent) {
            // SendGrid calls a bounce permanent and suppresses the address; with nothing to classify, believe it
            return new MailEvent.Bounced(d, BounceClass.HARD, BounceReason.UNDEFINED, diag);
        }
        Verdict verdict = Verdict.ofFailure(reason, diag.status());
        BounceClass c = verdict == Verdict.HARD ? BounceClass.HARD : verdict == Verdict.SOFT ? BounceClass.SOFT : BounceClass.UNDETERMINED;
        return new MailEvent.Bounced(d, c, reason, diag);
    }

    /** The drop reasons the Event Webhook Reference lists, by what they mean for the address. */
    static BounceReason droppedReason(String reason) {
        String r = reason.toLowerCase(Locale.ROOT);
        if (r.startsWith("spam content")) {
            return BounceReason.SPAM_DETECTED;
        }
        if (r.startsWith("invalid")) {
            return BounceReason.SYNTAX_ERROR;
        }
        if (r.startsWith("bounced address") || r.startsWith("unsubscribed address") || r.startsWith("spam reporting address")) {
            // on one of SendGrid's suppression lists: the address bounced, unsubscribed or complained before, which
            // is about the recipient (FailureSide.RECIPIENT), so our list should hold it too
            return BounceReason.SUPPRESSED;
        }
        return BounceReason.BLOCKED;
    }

    /** {@code reason} (bounce, drop) or {@code response} (delivered, deferred) is the text; {@code status} the RFC 3463 code. */
    private static Diagnostic diagnostic(JsonNode e, String path) {
        String text = text(e, "reason", path).or(() -> text(e, "response", path)).orElse("");
        Optional<EnhancedStatusCode> status = text(e, "status", path).flatMap(EnhancedStatusCode::find).or(() -> EnhancedStatusCode.find(text));
        OptionalInt reply = OptionalInt.empty();
        if (text.length() >= 3 && Character.isDigit(text.charAt(0)) && Character.isDigit(text.charAt(1)) && Character.isDigit(text.charAt(2))
                && (text.length() == 3 || !Character.isDigit(text.charAt(3)))) {
            int code = Integer.parseInt(text.substring(0, 3));
            if (code >= 200 && code < 600) {
                reply = OptionalInt.of(code);
            }
        }
        return new Diagnostic(status, reply, text, Optional.empty());
    }

    private static List<String> tags(JsonNode category, String path) {
        if (category == null || category.isNull()) {
            return List.of();
        }
        if (category.isTextual()) {
            return List.of(category.asText());
        }
        if (!category.isArray()) {
            throw new CallbackFormatException(FORMAT, path, "expected a string or a list of strings, got " + category.getNodeType(), null);
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < category.size(); i++) {
            if (!category.get(i).isTextual()) {
                throw new CallbackFormatException(FORMAT, path + "[" + i + "]", "expected a string, got " + category.get(i).getNodeType(), null);
            }
            tags.add(category.get(i).asText());
        }
        return tags;
    }

    private static void metadata(JsonNode e, EventDetails.Builder d) {
        for (Map.Entry<String, JsonNode> f : e.properties()) {
            if (!RESERVED.contains(f.getKey()) && (f.getValue().isTextual() || f.getValue().isNumber() || f.getValue().isBoolean())) {
                d.metadata(f.getKey(), f.getValue().asText());
            }
        }
        JsonNode machine = e.get("sg_machine_open");
        if (machine != null && machine.asBoolean(false)) {
            d.metadata("sg_machine_open", "true");
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
        PROCESSED, DELIVERED, DEFERRED, BOUNCE, DROPPED, SPAMREPORT, UNSUBSCRIBE, GROUP_UNSUBSCRIBE, OPEN, CLICK;

        static Optional<Kind> of(String event) {
            return Optional.ofNullable(switch (event) {
                case "processed" -> PROCESSED;
                case "delivered" -> DELIVERED;
                case "deferred" -> DEFERRED;
                case "bounce" -> BOUNCE;
                case "dropped" -> DROPPED;
                case "spamreport" -> SPAMREPORT;
                case "unsubscribe" -> UNSUBSCRIBE;
                case "group_unsubscribe" -> GROUP_UNSUBSCRIBE;
                case "open" -> OPEN;
                case "click" -> CLICK;
                default -> null;
            });
        }
    }
}
