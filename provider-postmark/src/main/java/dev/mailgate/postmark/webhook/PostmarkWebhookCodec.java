package dev.mailgate.postmark.webhook;

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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Postmark's webhooks (https://postmarkapp.com/developer/webhooks/webhooks-overview and the page of each kind): one
 * JSON object per POST, its kind in {@code RecordType}; datetimes are ISO 8601 with an offset. Every record carries
 * {@code MessageID} (Postmark's ID of the message), {@code MessageStream}, {@code Tag} and {@code Metadata} (the
 * message's {@code X-PM-Metadata-*}). Postmark does not batch; the list returned has one element.
 *
 * <table>
 * <caption>Postmark RecordType to MailEvent</caption>
 * <tr><th>RecordType</th><th>MailEvent</th><th>why</th></tr>
 * <tr><td>Bounce (also a record without RecordType but with TypeCode: the older bounce webhook, as the
 *     https://postmarkapp.com/email-webhooks example still shows)</td><td>by {@code TypeCode}, see
 *     {@link PostmarkBounceTypes}</td><td>the bounce webhook carries every bounce type, blocks and auto replies too</td></tr>
 * <tr><td>SpamComplaint</td><td>Complained</td><td>the recipient marked the message as spam</td></tr>
 * <tr><td>Delivery</td><td>Delivered ({@code Details} as the text)</td><td>the receiving server answered OK</td></tr>
 * <tr><td>Open</td><td>Opened</td><td>the tracking pixel was loaded</td></tr>
 * <tr><td>Click</td><td>Clicked ({@code OriginalLink})</td><td>a tracked link was followed</td></tr>
 * <tr><td>SubscriptionChange, SuppressSending true, SuppressionReason ManualSuppression, Origin Recipient</td><td>Unsubscribed
 *     GLOBAL</td><td>the recipient unsubscribed (the stream's suppression list is per stream, which GLOBAL within
 *     the stream means)</td></tr>
 * <tr><td>SubscriptionChange, SuppressSending true, any other reason or origin</td><td>Blocked suppressed</td><td>the address
 *     is now on the suppression list (after a hard bounce or complaint, reported by their own records, or by the
 *     sender's hand): mail to it will not be sent</td></tr>
 * <tr><td>SubscriptionChange, SuppressSending false</td><td>Unknown ({@code SubscriptionChange/reactivated})</td><td>a
 *     reactivation; no event of ours means "may be mailed again"</td></tr>
 * <tr><td>anything else (Inbound, future kinds)</td><td>Unknown</td><td>kept whole, answered 200</td></tr>
 * </table>
 */
public final class PostmarkWebhookCodec implements CallbackCodec {
    public static final String FORMAT = "postmark-webhook";
    static final String PROVIDER = "postmark";
    /** Parses within {@link InputLimits#defaults()}; the handler in front bounds the body with the application's limits. */
    static final ObjectMapper JSON = JsonPayloads.mapper(InputLimits.defaults());

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public List<MailEvent> decode(byte[] payload, Instant receivedAt) {
        JsonNode e = JsonPayloads.read(FORMAT, JSON, payload, InputLimits.defaults());
        if (e == null || !e.isObject()) {
            throw new CallbackFormatException(FORMAT, "$", "expected one JSON object with a RecordType", null);
        }
        String kind = text(e, "RecordType").orElseGet(() -> e.has("TypeCode") ? "Bounce" : null);
        if (kind == null) {
            throw new CallbackFormatException(FORMAT, "$.RecordType", "missing", null);
        }
        EventDetails.Builder d = EventDetails.builder(PROVIDER, receivedAt).rawPayload(e.toString());
        text(e, "MessageID").ifPresent(d::providerMessageId);
        text(e, "Tag").filter(t -> !t.isBlank()).ifPresent(d::tag);
        metadata(e, d);
        return List.of(switch (kind) {
            case "Bounce" -> bounce(e, d, "Email", "BouncedAt");
            case "SpamComplaint" -> {
                common(e, d, "Email", "BouncedAt");
                yield new MailEvent.Complained(d.build(), Optional.empty());
            }
            case "Delivery" -> {
                common(e, d, "Recipient", "DeliveredAt");
                yield new MailEvent.Delivered(d.build(), text(e, "Details").map(Diagnostic::ofText).orElse(Diagnostic.NONE));
            }
            case "Open" -> {
                common(e, d, "Recipient", "ReceivedAt");
                yield new MailEvent.Opened(d.build());
            }
            case "Click" -> {
                common(e, d, "Recipient", "ReceivedAt");
                yield new MailEvent.Clicked(d.build(), text(e, "OriginalLink"));
            }
            case "SubscriptionChange" -> subscription(e, d);
            default -> {
                optionalRecipient(e, d);
                yield new MailEvent.Unknown(d.build(), kind);
            }
        });
    }

    private static MailEvent bounce(JsonNode e, EventDetails.Builder d, String recipientField, String timeField) {
        common(e, d, recipientField, timeField);
        JsonNode id = e.get("ID");
        if (id != null && (id.isNumber() || id.isTextual())) {
            d.eventId(id.asText());
        }
        JsonNode code = e.get("TypeCode");
        if (code == null || !code.canConvertToInt()) {
            throw new CallbackFormatException(FORMAT, "$.TypeCode", code == null ? "missing (every bounce has a TypeCode)" : "not a bounce type code: " + code, null);
        }
        Diagnostic diag = diagnostic(e);
        EventDetails details = d.build();
        return PostmarkBounceTypes.of(code.asInt()).map(t -> t.event(details, diag)).orElseGet(() -> PostmarkBounceTypes.unlisted(details, diag));
    }

    private static MailEvent subscription(JsonNode e, EventDetails.Builder d) {
        common(e, d, "Recipient", "ChangedAt");
        JsonNode suppress = e.get("SuppressSending");
        if (suppress == null || !suppress.isBoolean()) {
            throw new CallbackFormatException(FORMAT, "$.SuppressSending", "expected true or false, got " + suppress, null);
        }
        String reason = text(e, "SuppressionReason").orElse("");
        String origin = text(e, "Origin").orElse("");
        text(e, "Origin").ifPresent(o -> d.metadata("postmark.origin", o));
        text(e, "SuppressionReason").ifPresent(r -> d.metadata("postmark.suppression-reason", r));
        EventDetails details = d.build();
        if (!suppress.asBoolean()) {
            return new MailEvent.Unknown(details, "SubscriptionChange/reactivated");
        }
        if (reason.equals("ManualSuppression") && origin.equals("Recipient")) {
            return new MailEvent.Unsubscribed(details, UnsubscribeScope.GLOBAL);
        }
        return new MailEvent.Blocked(details, BounceReason.SUPPRESSED, reason.isEmpty() ? Diagnostic.NONE : Diagnostic.ofText(reason));
    }

    /** {@code Details} is the receiver's words where Postmark has them; {@code Description} is the type's fixed text. */
    private static Diagnostic diagnostic(JsonNode e) {
        String details = text(e, "Details").orElse("").strip();
        if (details.isEmpty()) {
            return Diagnostic.NONE;
        }
        // the receiver's reply, as Postmark quotes it: "smtp;550 5.1.1 ..." (the RFC 3464 diagnostic-type prefix) or bare
        String reply = details.regionMatches(true, 0, "smtp;", 0, 5) ? details.substring(5).strip() : details;
        OptionalInt code = OptionalInt.empty();
        if (reply.length() >= 3 && reply.substring(0, 3).chars().allMatch(Character::isDigit) && (reply.length() == 3 || reply.charAt(3) == ' '
                || reply.charAt(3) == '-')) {
            int n = Integer.parseInt(reply.substring(0, 3));
            if (n >= 200 && n < 600) {
                code = OptionalInt.of(n);
            }
        }
        Optional<EnhancedStatusCode> status = EnhancedStatusCode.find(details);
        return new Diagnostic(status, code, details, Optional.empty());
    }

    private static void common(JsonNode e, EventDetails.Builder d, String recipientField, String timeField) {
        String recipient = text(e, recipientField).orElseThrow(() -> new CallbackFormatException(FORMAT, "$." + recipientField,
                "missing (every " + e.path("RecordType").asText("Bounce") + " record names its recipient)", null));
        recipient(recipient, "$." + recipientField, d);
        Optional<String> at = text(e, timeField);
        if (at.isPresent() && !at.get().isBlank()) {
            try {
                d.occurredAt(OffsetDateTime.parse(at.get()).toInstant());
            } catch (DateTimeParseException ex) {
                throw new CallbackFormatException(FORMAT, "$." + timeField, "not an ISO 8601 date-time with offset: " + abbreviate(at.get()), ex);
            }
        }
    }

    private static void optionalRecipient(JsonNode e, EventDetails.Builder d) {
        Optional<String> r = text(e, "Recipient").or(() -> text(e, "Email"));
        if (r.isPresent()) {
            try {
                d.recipient(EmailAddress.parse(r.get()));
            } catch (InvalidAddressException ignored) {
                // an Unknown kind is kept whole; its fields are not ours to refuse
            }
        }
    }

    private static void recipient(String value, String path, EventDetails.Builder d) {
        try {
            d.recipient(EmailAddress.parse(value));
        } catch (InvalidAddressException ex) {
            throw new CallbackFormatException(FORMAT, path, ex.getMessage(), ex);
        }
    }

    private static void metadata(JsonNode e, EventDetails.Builder d) {
        JsonNode meta = e.get("Metadata");
        if (meta == null || meta.isNull()) {
            return;
        }
        if (!meta.isObject()) {
            throw new CallbackFormatException(FORMAT, "$.Metadata", "expected an object of key/value pairs, got " + meta.getNodeType(), null);
        }
        for (Map.Entry<String, JsonNode> m : meta.properties()) {
            d.metadata(m.getKey(), m.getValue().isValueNode() ? m.getValue().asText() : m.getValue().toString());
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        return JsonPayloads.text(FORMAT, node, field, "$");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
