package dev.mailgate.brevo.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import dev.mailgate.core.event.UnsubscribeScope;
import dev.mailgate.core.json.JsonPayloads;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Brevo's transactional e-mail webhook (https://developers.brevo.com/docs/transactional-webhooks): one JSON object per
 * event with {@code event}, {@code email} (the recipient), {@code message-id} (the Message-ID header, brackets
 * included), {@code ts_epoch} (milliseconds, UTC), {@code ts_event} / {@code ts} (seconds), {@code date} (the
 * account's time zone, not read), {@code tag} / {@code tags}, {@code X-Mailin-custom} (the header's value, one
 * string), {@code reason} (bounces, deferrals, blocks, errors) and {@code link} (clicks). {@code id} is the webhook's
 * id, the same for every event, so it is no event id. A batched webhook ("Batched webhooks",
 * https://developers.brevo.com/docs/batched-webhooks) posts an array of the same objects; both forms are read.
 *
 * <table>
 * <caption>Brevo event to MailEvent</caption>
 * <tr><th>event</th><th>MailEvent</th><th>why</th></tr>
 * <tr><td>request</td><td>Queued</td><td>the page's "Sent": Brevo accepted the message for sending</td></tr>
 * <tr><td>delivered</td><td>Delivered</td><td>the receiving server accepted it</td></tr>
 * <tr><td>deferred</td><td>Deferred, reason from {@code reason}</td><td>a temporary refusal; Brevo tries again</td></tr>
 * <tr><td>soft_bounce</td><td>Bounced SOFT, reason from {@code reason}</td><td>a temporary failure Brevo gave up on: the
 *     message is lost, the address may be fine</td></tr>
 * <tr><td>hard_bounce</td><td>Bounced HARD, reason from {@code reason} (undefined when it says nothing)</td><td>the
 *     receiver refused the address for good; Brevo blocks it for later sends</td></tr>
 * <tr><td>invalid_email</td><td>Blocked (syntaxerror)</td><td>the address is not valid, so Brevo sent nothing</td></tr>
 * <tr><td>blocked</td><td>Blocked (suppressed)</td><td>the recipient is on Brevo's block list (an earlier hard bounce,
 *     complaint or unsubscribe): not attempted</td></tr>
 * <tr><td>error</td><td>Blocked (undefined), {@code reason} as the text</td><td>Brevo could not send the message; the
 *     page gives no cause list, and nothing says the address is bad</td></tr>
 * <tr><td>spam</td><td>Complained</td><td>the recipient reported the message as spam</td></tr>
 * <tr><td>unsubscribed (also unsubscribe)</td><td>Unsubscribed GLOBAL</td><td>the recipient left Brevo's transactional
 *     mail of this sender</td></tr>
 * <tr><td>opened, unique_opened</td><td>Opened</td><td>an open (the first one for unique_opened)</td></tr>
 * <tr><td>proxy_open, unique_proxy_open</td><td>Opened, metadata {@code proxy_open=true}</td><td>"loaded by proxy": an
 *     open by a mail client's privacy proxy (e.g. Apple Mail), not necessarily by a person</td></tr>
 * <tr><td>click</td><td>Clicked ({@code link})</td><td>a tracked link was followed</td></tr>
 * <tr><td>anything else</td><td>Unknown</td><td>kept whole (raw JSON), answered 200</td></tr>
 * </table>
 *
 * <p>Where the stored copy of the page names an event only by its title (Soft Bounced, Proxy Open, ...), the
 * snake_case value above is the one Brevo's payloads carry; {@code unsubscribe} is accepted beside
 * {@code unsubscribed} because both spellings are seen in integrations.
 */
public final class BrevoWebhookCodec implements CallbackCodec {
    public static final String FORMAT = "brevo-webhook";
    static final String PROVIDER = "brevo";
    static final ObjectMapper JSON = JsonPayloads.mapper(InputLimits.defaults());
    /** An SMTP reply code at the start of a reason ("550 5.1.1 ..."), the classifier's input as in a bounce mail. */
    private static final Pattern REPLY = Pattern.compile("^([245]\\d\\d)[ -]");

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public List<MailEvent> decode(byte[] payload, Instant receivedAt) {
        JsonNode root = JsonPayloads.read(FORMAT, JSON, payload, InputLimits.defaults());
        if (root != null && root.isObject()) {
            return List.of(decodeEvent(root, "$", receivedAt));
        }
        if (root == null || !root.isArray()) {
            throw new CallbackFormatException(FORMAT, "$", "expected an event object {\"event\": ...} or a batch [{...}, ...]", null);
        }
        List<MailEvent> out = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode e = root.get(i);
            if (!e.isObject()) {
                throw new CallbackFormatException(FORMAT, "$[" + i + "]", "expected an event object, got " + e.getNodeType(), null);
            }
            out.add(decodeEvent(e, "$[" + i + "]", receivedAt));
        }
        return List.copyOf(out);
    }

    private static MailEvent decodeEvent(JsonNode e, String path, Instant receivedAt) {
        String kind = text(e, "event", path).orElseThrow(() -> new CallbackFormatException(FORMAT, path + ".event", "missing", null));
        Optional<Kind> known = Kind.of(kind);
        EventDetails.Builder d = EventDetails.builder(PROVIDER, receivedAt).rawPayload(e.toString());
        Optional<String> email = text(e, "email", path);
        if (email.isPresent()) {
            try {
                d.recipient(EmailAddress.parse(email.get()));
            } catch (InvalidAddressException ex) {
                if (known.orElse(null) != Kind.INVALID_EMAIL) {
                    throw new CallbackFormatException(FORMAT, path + ".email", ex.getMessage(), ex);
                }
                d.metadata("invalid_email", email.get()); // the invalid address itself: kept, not an error
            }
        } else if (known.isPresent()) {
            throw new CallbackFormatException(FORMAT, path + ".email", "missing (every " + kind + " event names its recipient)", null);
        }
        occurredAt(e, path).ifPresent(d::occurredAt);
        text(e, "message-id", path).map(BrevoWebhookCodec::unbracket).ifPresent(d::messageId);
        tags(e, path, d);
        text(e, "X-Mailin-custom", path).ifPresent(custom -> custom(custom, d));
        if (known.isEmpty()) {
            return new MailEvent.Unknown(d.build(), kind);
        }
        Optional<String> reason = text(e, "reason", path);
        Diagnostic diag = reason.map(BrevoWebhookCodec::diagnostic).orElse(Diagnostic.NONE);
        BounceReason classified = reason.isEmpty() ? BounceReason.UNDEFINED : BounceClassifier.reason(diag.status(), diag.text());
        if (known.get() == Kind.PROXY_OPEN) {
            d.metadata("proxy_open", "true");
        }
        EventDetails details = d.build();
        return switch (known.get()) {
            case REQUEST -> new MailEvent.Queued(details);
            case DELIVERED -> new MailEvent.Delivered(details, diag);
            case DEFERRED -> new MailEvent.Deferred(details, classified, diag);
            case SOFT_BOUNCE -> new MailEvent.Bounced(details, BounceClass.SOFT, classified, diag);
            case HARD_BOUNCE -> new MailEvent.Bounced(details, BounceClass.HARD, classified, diag);
            case INVALID_EMAIL -> new MailEvent.Blocked(details, BounceReason.SYNTAX_ERROR, diag);
            case BLOCKED -> new MailEvent.Blocked(details, BounceReason.SUPPRESSED, diag);
            case ERROR -> new MailEvent.Blocked(details, BounceReason.UNDEFINED, diag);
            case SPAM -> new MailEvent.Complained(details, Optional.empty());
            case UNSUBSCRIBED -> new MailEvent.Unsubscribed(details, UnsubscribeScope.GLOBAL);
            case OPENED, PROXY_OPEN -> new MailEvent.Opened(details);
            case CLICK -> new MailEvent.Clicked(details, text(e, "link", path));
        };
    }

    /** {@code ts_epoch} (ms, UTC) first: the page gives it as UTC, and {@code date} is in the account's zone. */
    private static Optional<Instant> occurredAt(JsonNode e, String path) {
        for (String field : List.of("ts_epoch", "ts_event", "ts")) {
            JsonNode ts = e.get(field);
            if (ts == null || ts.isNull()) {
                continue;
            }
            if (!ts.canConvertToLong()) {
                throw new CallbackFormatException(FORMAT, path + "." + field, "expected an integer timestamp, got " + ts, null);
            }
            try {
                return Optional.of(field.equals("ts_epoch") ? Instant.ofEpochMilli(ts.asLong()) : Instant.ofEpochSecond(ts.asLong()));
            } catch (DateTimeException | ArithmeticException ex) {
                throw new CallbackFormatException(FORMAT, path + "." + field, "out of range: " + ts, ex);
            }
        }
        return Optional.empty();
    }

    /** {@code tags} (a list, from the API's tags) or {@code tag} (one string, from {@code X-Mailin-Tag}). */
    private static void tags(JsonNode e, String path, EventDetails.Builder d) {
        JsonNode tags = e.get("tags");
        if (tags != null && !tags.isNull()) {
            if (!tags.isArray()) {
                throw new CallbackFormatException(FORMAT, path + ".tags", "expected a list of strings, got " + tags.getNodeType(), null);
            }
            for (int i = 0; i < tags.size(); i++) {
                if (!tags.get(i).isTextual()) {
                    throw new CallbackFormatException(FORMAT, path + ".tags[" + i + "]", "expected a string, got " + tags.get(i).getNodeType(), null);
                }
                d.tag(tags.get(i).asText());
            }
            return;
        }
        text(e, "tag", path).ifPresent(d::tag);
    }

    /** The header's value: a JSON object's members become metadata; any other text is kept under the header's name. */
    private static void custom(String value, EventDetails.Builder d) {
        JsonNode parsed = null;
        if (value.startsWith("{")) {
            try {
                parsed = JSON.readTree(value);
            } catch (JsonProcessingException ignored) {
                // not JSON after all: kept as text below
            }
        }
        if (parsed != null && parsed.isObject()) {
            for (Map.Entry<String, JsonNode> v : parsed.properties()) {
                d.metadata(v.getKey(), v.getValue().isValueNode() ? v.getValue().asText() : v.getValue().toString());
            }
        } else {
            d.metadata("X-Mailin-custom", value);
        }
    }

    private static Diagnostic diagnostic(String reason) {
        Matcher m = REPLY.matcher(reason);
        OptionalInt code = m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        Optional<EnhancedStatusCode> status = EnhancedStatusCode.find(reason);
        return new Diagnostic(status, code, reason, Optional.empty());
    }

    private static Optional<String> text(JsonNode node, String field, String path) {
        return JsonPayloads.text(FORMAT, node, field, path);
    }

    private static String unbracket(String id) {
        return id.startsWith("<") && id.endsWith(">") ? id.substring(1, id.length() - 1) : id;
    }

    /** The kinds this codec maps; see the table above. */
    private enum Kind {
        REQUEST, DELIVERED, DEFERRED, SOFT_BOUNCE, HARD_BOUNCE, INVALID_EMAIL, BLOCKED, ERROR, SPAM, UNSUBSCRIBED, OPENED, PROXY_OPEN, CLICK;

        static Optional<Kind> of(String event) {
            return Optional.ofNullable(switch (event) {
                case "request" -> REQUEST;
                case "delivered" -> DELIVERED;
                case "deferred" -> DEFERRED;
                case "soft_bounce" -> SOFT_BOUNCE;
                case "hard_bounce" -> HARD_BOUNCE;
                case "invalid_email" -> INVALID_EMAIL;
                case "blocked" -> BLOCKED;
                case "error" -> ERROR;
                case "spam" -> SPAM;
                case "unsubscribed", "unsubscribe" -> UNSUBSCRIBED;
                case "opened", "unique_opened" -> OPENED;
                case "proxy_open", "unique_proxy_open" -> PROXY_OPEN;
                case "click" -> CLICK;
                default -> null;
            });
        }
    }
}
