package dev.mailgate.resend.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.bounce.BounceClassifier;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.json.JsonPayloads;
import dev.mailgate.core.limits.InputLimits;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resend's webhook payload ("Event Types", https://resend.com/docs/webhooks/event-types, and the page of each type):
 * one event per POST (one Svix message), {@code {"type", "created_at", "data": {...}}}; for email events {@code data}
 * has {@code email_id} (Resend's id of the email), {@code to} (the email's recipients), {@code from}, {@code subject},
 * {@code broadcast_id} where a broadcast sent it, {@code tags} (name/value pairs; kept as metadata) and, by type,
 * {@code bounce}, {@code click}, {@code failed}, {@code suppressed}. The event names no single recipient: when
 * {@code to} holds one address it is the event's recipient; with several, which of them bounced is not said, so the
 * event has no recipient and {@code to} is kept in metadata (an application that sends one recipient per email never
 * meets this).
 *
 * <table>
 * <caption>Resend event to MailEvent</caption>
 * <tr><th>type</th><th>MailEvent</th><th>why</th></tr>
 * <tr><td>email.sent</td><td>Queued</td><td>"the API request was successful": Resend will try to deliver</td></tr>
 * <tr><td>email.delivered</td><td>Delivered</td><td>the recipient's server accepted it</td></tr>
 * <tr><td>email.delivery_delayed</td><td>Deferred (undefined)</td><td>a temporary issue (full inbox, a transient server
 *     problem); Resend keeps trying</td></tr>
 * <tr><td>email.bounced</td><td>by {@code bounce.type} and {@code subType}, see {@link #bounce}</td><td>the receiving
 *     server refused it</td></tr>
 * <tr><td>email.complained</td><td>Complained</td><td>delivered, then marked as spam by the recipient</td></tr>
 * <tr><td>email.opened / email.clicked</td><td>Opened / Clicked ({@code click.link})</td><td>tracked engagement</td></tr>
 * <tr><td>email.failed</td><td>Blocked (rejected), {@code failed.reason} as the text</td><td>"failed to send due to an
 *     error" (API key, domain verification, quota, invalid recipients): the sender's side, nothing reached the
 *     recipient</td></tr>
 * <tr><td>email.suppressed</td><td>Blocked (suppressed)</td><td>the address is on Resend's suppression list: not
 *     attempted</td></tr>
 * <tr><td>email.scheduled, email.received, domain.*, contact.*, anything else</td><td>Unknown</td><td>no delivery outcome
 *     (a future send, inbound mail, account changes); kept whole, answered 200</td></tr>
 * </table>
 */
public final class ResendWebhookCodec implements CallbackCodec {
    public static final String FORMAT = "resend-webhook";
    static final String PROVIDER = "resend";
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
            throw new CallbackFormatException(FORMAT, "$", "expected an object {\"type\": ..., \"data\": ...}", null);
        }
        String type = text(root, "type", "$").orElseThrow(() -> new CallbackFormatException(FORMAT, "$.type", "missing", null));
        EventDetails.Builder d = EventDetails.builder(PROVIDER, receivedAt).rawPayload(root.toString());
        Optional<String> at = text(root, "created_at", "$");
        if (at.isPresent()) {
            try {
                d.occurredAt(OffsetDateTime.parse(at.get()).toInstant());
            } catch (DateTimeParseException e) {
                throw new CallbackFormatException(FORMAT, "$.created_at", "not an ISO 8601 date-time with offset: " + abbreviate(at.get()), e);
            }
        }
        JsonNode data = root.get("data");
        boolean email = type.startsWith("email.") && !type.equals("email.received");
        if (data == null || !data.isObject()) {
            if (email) {
                throw new CallbackFormatException(FORMAT, "$.data", "missing or not an object", null);
            }
            return List.of(new MailEvent.Unknown(d.build(), type));
        }
        text(data, "email_id", "$.data").ifPresent(d::providerMessageId);
        text(data, "broadcast_id", "$.data").ifPresent(d::campaign);
        tags(data.get("tags"), d);
        recipients(data, d, email && !type.equals("email.scheduled"));
        EventDetails details = d.build();
        return List.of(switch (type) {
            case "email.sent" -> new MailEvent.Queued(details);
            case "email.delivered" -> new MailEvent.Delivered(details, Diagnostic.NONE);
            case "email.delivery_delayed" -> new MailEvent.Deferred(details, BounceReason.UNDEFINED, Diagnostic.NONE);
            case "email.bounced" -> bounce(data, details);
            case "email.complained" -> new MailEvent.Complained(details, Optional.empty());
            case "email.opened" -> new MailEvent.Opened(details);
            case "email.clicked" -> new MailEvent.Clicked(details, text(data.path("click"), "link", "$.data.click"));
            case "email.failed" -> new MailEvent.Blocked(details, BounceReason.REJECTED, detail(data, "failed", "reason"));
            case "email.suppressed" -> new MailEvent.Blocked(details, BounceReason.SUPPRESSED, detail(data, "suppressed", "message"));
            default -> new MailEvent.Unknown(details, type);
        });
    }

    /**
     * {@code bounce.type} and {@code subType} take Amazon SES's bounce types (Resend relays them; the values in its
     * examples, Permanent/Suppressed, are SES's: https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html).
     *
     * <table>
     * <caption>bounce type to MailEvent</caption>
     * <tr><th>type / subType</th><th>MailEvent</th><th>why</th></tr>
     * <tr><td>Permanent / Suppressed, OnAccountSuppressionList</td><td>Blocked (suppressed)</td><td>on a suppression list:
     *     not attempted</td></tr>
     * <tr><td>Permanent / NoEmail</td><td>Bounced HARD userunknown</td><td>the address does not exist</td></tr>
     * <tr><td>Permanent / other</td><td>Bounced HARD, reason from {@code message} (classifier), else undefined</td><td>a
     *     permanent refusal</td></tr>
     * <tr><td>Transient / MailboxFull</td><td>Bounced SOFT mailboxfull</td><td>retries ran out; the address is fine</td></tr>
     * <tr><td>Transient / MessageTooLarge</td><td>Bounced SOFT mesgtoobig</td><td>the message, not the address</td></tr>
     * <tr><td>Transient / ContentRejected, AttachmentRejected</td><td>Bounced SOFT contenterror</td><td>the content was
     *     refused</td></tr>
     * <tr><td>Transient / other</td><td>Bounced SOFT, reason from {@code message}</td><td>retries ran out</td></tr>
     * <tr><td>Undetermined, missing or other</td><td>Bounced UNDETERMINED, reason from {@code message}</td><td>not
     *     guessed hard</td></tr>
     * </table>
     */
    static MailEvent bounce(JsonNode data, EventDetails d) {
        JsonNode b = data.get("bounce");
        if (b != null && !b.isNull() && !b.isObject()) {
            throw new CallbackFormatException(FORMAT, "$.data.bounce", "expected an object, got " + b.getNodeType(), null);
        }
        JsonNode bounce = b == null ? JSON.createObjectNode() : b;
        String type = text(bounce, "type", "$.data.bounce").orElse("");
        String sub = text(bounce, "subType", "$.data.bounce").orElse("");
        Diagnostic diag = text(bounce, "message", "$.data.bounce").map(Diagnostic::ofText).orElse(Diagnostic.NONE);
        return switch (type) {
            case "Permanent" -> switch (sub) {
                case "Suppressed", "OnAccountSuppressionList" -> new MailEvent.Blocked(d, BounceReason.SUPPRESSED, diag);
                case "NoEmail" -> new MailEvent.Bounced(d, BounceClass.HARD, BounceReason.USER_UNKNOWN, diag);
                default -> new MailEvent.Bounced(d, BounceClass.HARD, classified(diag, BounceReason.UNDEFINED), diag);
            };
            case "Transient" -> switch (sub) {
                case "MailboxFull" -> new MailEvent.Bounced(d, BounceClass.SOFT, BounceReason.MAILBOX_FULL, diag);
                case "MessageTooLarge" -> new MailEvent.Bounced(d, BounceClass.SOFT, BounceReason.MESSAGE_TOO_BIG, diag);
                case "ContentRejected", "AttachmentRejected" -> new MailEvent.Bounced(d, BounceClass.SOFT, BounceReason.CONTENT_ERROR, diag);
                default -> new MailEvent.Bounced(d, BounceClass.SOFT, classified(diag, BounceReason.UNDEFINED), diag);
            };
            default -> new MailEvent.Bounced(d, BounceClass.UNDETERMINED, classified(diag, BounceReason.UNDEFINED), diag);
        };
    }

    private static BounceReason classified(Diagnostic diag, BounceReason otherwise) {
        if (diag.text().isBlank()) {
            return otherwise;
        }
        BounceReason r = BounceClassifier.reason(diag.status(), diag.text());
        return r == BounceReason.UNDEFINED || r == BounceReason.ON_HOLD ? otherwise : r;
    }

    private static Diagnostic detail(JsonNode data, String object, String field) {
        JsonNode o = data.get(object);
        if (o == null || o.isNull()) {
            return Diagnostic.NONE;
        }
        if (!o.isObject()) {
            throw new CallbackFormatException(FORMAT, "$.data." + object, "expected an object, got " + o.getNodeType(), null);
        }
        return text(o, field, "$.data." + object).map(Diagnostic::ofText).orElse(Diagnostic.NONE);
    }

    private static void recipients(JsonNode data, EventDetails.Builder d, boolean required) {
        JsonNode to = data.get("to");
        List<String> addresses = new ArrayList<>();
        if (to != null && to.isTextual()) {
            addresses.add(to.asText());
        } else if (to != null && to.isArray()) {
            for (int i = 0; i < to.size(); i++) {
                if (!to.get(i).isTextual()) {
                    throw new CallbackFormatException(FORMAT, "$.data.to[" + i + "]", "expected an address, got " + to.get(i).getNodeType(), null);
                }
                addresses.add(to.get(i).asText());
            }
        } else if (to != null && !to.isNull()) {
            throw new CallbackFormatException(FORMAT, "$.data.to", "expected a list of addresses, got " + to.getNodeType(), null);
        }
        if (addresses.isEmpty()) {
            if (required) {
                throw new CallbackFormatException(FORMAT, "$.data.to", "missing (every email event names the email's recipients)", null);
            }
            return;
        }
        if (addresses.size() > 1) {
            d.metadata("resend.to", String.join(", ", addresses));
            return;
        }
        try {
            d.recipient(EmailAddress.parse(addresses.get(0)));
        } catch (InvalidAddressException e) {
            throw new CallbackFormatException(FORMAT, to.isArray() ? "$.data.to[0]" : "$.data.to", e.getMessage(), e);
        }
    }

    /** {@code tags}: an object of name → value, or (older payloads) a list of {@code {"name", "value"}}. */
    private static void tags(JsonNode tags, EventDetails.Builder d) {
        if (tags == null || tags.isNull()) {
            return;
        }
        if (tags.isObject()) {
            for (Map.Entry<String, JsonNode> t : tags.properties()) {
                d.metadata(t.getKey(), t.getValue().isValueNode() ? t.getValue().asText() : t.getValue().toString());
            }
            return;
        }
        if (!tags.isArray()) {
            throw new CallbackFormatException(FORMAT, "$.data.tags", "expected name/value pairs, got " + tags.getNodeType(), null);
        }
        for (int i = 0; i < tags.size(); i++) {
            String at = "$.data.tags[" + i + "]";
            JsonNode t = tags.get(i);
            if (!t.isObject()) {
                throw new CallbackFormatException(FORMAT, at, "expected {\"name\", \"value\"}, got " + t.getNodeType(), null);
            }
            String name = text(t, "name", at).orElseThrow(() -> new CallbackFormatException(FORMAT, at + ".name", "missing", null));
            d.metadata(name, text(t, "value", at).orElse(""));
        }
    }

    private static Optional<String> text(JsonNode node, String field, String path) {
        return JsonPayloads.text(FORMAT, node, field, path);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
