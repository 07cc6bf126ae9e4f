package dev.mailgate.mailjet.webhook;

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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mailjet's Event API (Event tracking, https://dev.mailjet.com/email/guides/webhooks/): one JSON object per event, or
 * with "group events" enabled an array of them. Every event has {@code event}, {@code time} (Unix seconds),
 * {@code email}, {@code MessageID} (Mailjet's message id, a number), {@code Message_GUID}, {@code mj_campaign_id},
 * {@code mj_contact_id}, {@code customcampaign} (the {@code X-Mailjet-Campaign} header), {@code CustomID}
 * ({@code X-MJ-CustomID}) and {@code Payload} ({@code X-MJ-EventPayload}); {@code sent} adds {@code smtp_reply},
 * {@code click} {@code url}, {@code bounce} and {@code blocked} {@code error_related_to}, {@code error},
 * {@code comment} and (bounce) {@code hard_bounce}, {@code spam} {@code source}, {@code unsub} {@code mj_list_id}.
 *
 * <table>
 * <caption>Mailjet event to MailEvent</caption>
 * <tr><th>event</th><th>MailEvent</th><th>why</th></tr>
 * <tr><td>sent</td><td>Delivered ({@code smtp_reply})</td><td>"sent" is the receiving server's acceptance: the reply
 *     is its 250</td></tr>
 * <tr><td>bounce, hard_bounce true</td><td>Bounced HARD, reason from {@code error} (table below)</td><td>a permanent
 *     refusal</td></tr>
 * <tr><td>bounce, error greylisted, hard_bounce false</td><td>Deferred</td><td>"a temporary error ... delivery will be
 *     re-attempted"</td></tr>
 * <tr><td>bounce, hard_bounce false</td><td>Bounced SOFT, reason from {@code error}</td><td>a temporary failure
 *     Mailjet stopped retrying; the address may be fine</td></tr>
 * <tr><td>blocked</td><td>Blocked, reason from {@code error} (default blocked)</td><td>Mailjet did not attempt delivery:
 *     a suppressed address (preblocked, blacklisted, spam reporter) or a policy block</td></tr>
 * <tr><td>spam</td><td>Complained ({@code source} in metadata)</td><td>a feedback-loop report</td></tr>
 * <tr><td>unsub with {@code mj_list_id}</td><td>Unsubscribed CAMPAIGN, campaign {@code mj_list:<id>}</td><td>the
 *     recipient left one contact list</td></tr>
 * <tr><td>unsub without a list</td><td>Unsubscribed GLOBAL</td><td>nothing narrows it</td></tr>
 * <tr><td>open</td><td>Opened</td><td>an open was tracked</td></tr>
 * <tr><td>click</td><td>Clicked ({@code url})</td><td>a tracked link was followed</td></tr>
 * <tr><td>anything else</td><td>Unknown</td><td>kept whole (raw JSON), answered 200</td></tr>
 * </table>
 *
 * <table>
 * <caption>Mailjet {@code error} to BounceReason ("Possible values for errors" on the same page)</caption>
 * <tr><th>error_related_to / error</th><th>reason</th><th>why</th></tr>
 * <tr><td>recipient / user unknown</td><td>userunknown</td><td>no such mailbox</td></tr>
 * <tr><td>recipient / mailbox inactive</td><td>suspend</td><td>the mailbox exists but is disabled</td></tr>
 * <tr><td>recipient / quota exceeded</td><td>mailboxfull</td><td>over quota</td></tr>
 * <tr><td>recipient / blacklisted, spam reporter; mailjet / preblocked</td><td>suppressed</td><td>on a list of the
 *     account's or Mailjet's (unsubscribed, complained, bounced before): not attempted</td></tr>
 * <tr><td>domain / invalid domain, no mail host, typofix</td><td>hostunknown</td><td>the domain does not exist, has no
 *     mail server, or looks like a typo of a known one</td></tr>
 * <tr><td>domain / relay/access denied</td><td>rejected</td><td>the receiving server refused the sender</td></tr>
 * <tr><td>domain / greylisted</td><td>the SMTP text's, else undefined</td><td>a temporary deferral</td></tr>
 * <tr><td>spam / sender blocked</td><td>blocked</td><td>the receiver blocks this sender</td></tr>
 * <tr><td>spam / content blocked</td><td>spamdetected</td><td>the content was judged spam</td></tr>
 * <tr><td>spam / policy issue</td><td>policyviolation</td><td>the receiver's policy refused it</td></tr>
 * <tr><td>system / system issue, protocol issue, connection issue</td><td>systemerror / notcompliantrfc /
 *     networkerror</td><td>a fault on either side, not the address</td></tr>
 * <tr><td>anything else (e.g. duplicate in campaign)</td><td>what the receiver's {@code comment} says, else undefined
 *     (bounce) or blocked (blocked)</td><td>no reason of ours says it</td></tr>
 * </table>
 */
public final class MailjetWebhookCodec implements CallbackCodec {
    public static final String FORMAT = "mailjet-webhook";
    static final String PROVIDER = "mailjet";
    static final ObjectMapper JSON = JsonPayloads.mapper(InputLimits.defaults());
    private static final Pattern REPLY = Pattern.compile("^([245]\\d\\d)[ -]");
    private static final Map<String, BounceReason> ERRORS = Map.ofEntries(
            Map.entry("user unknown", BounceReason.USER_UNKNOWN),
            Map.entry("mailbox inactive", BounceReason.SUSPEND),
            Map.entry("quota exceeded", BounceReason.MAILBOX_FULL),
            Map.entry("blacklisted", BounceReason.SUPPRESSED),
            Map.entry("spam reporter", BounceReason.SUPPRESSED),
            Map.entry("preblocked", BounceReason.SUPPRESSED),
            Map.entry("invalid domain", BounceReason.HOST_UNKNOWN),
            Map.entry("no mail host", BounceReason.HOST_UNKNOWN),
            Map.entry("typofix", BounceReason.HOST_UNKNOWN),
            Map.entry("relay/access denied", BounceReason.REJECTED),
            Map.entry("sender blocked", BounceReason.BLOCKED),
            Map.entry("content blocked", BounceReason.SPAM_DETECTED),
            Map.entry("policy issue", BounceReason.POLICY_VIOLATION),
            Map.entry("system issue", BounceReason.SYSTEM_ERROR),
            Map.entry("protocol issue", BounceReason.NOT_COMPLIANT_RFC),
            Map.entry("connection issue", BounceReason.NETWORK_ERROR));

    @Override
    public String format() {
        return FORMAT;
    }

    @Override
    public List<MailEvent> decode(byte[] payload, Instant receivedAt) {
        JsonNode root = JsonPayloads.read(FORMAT, JSON, payload, InputLimits.defaults());
        if (root != null && root.isObject()) {
            return List.of(decodeEvent(root, "$", receivedAt)); // "group events" off: one bare event per POST
        }
        if (root == null || !root.isArray()) {
            throw new CallbackFormatException(FORMAT, "$", "expected an event object {\"event\": ...} or a group [{...}, ...]", null);
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
                throw new CallbackFormatException(FORMAT, path + ".email", ex.getMessage(), ex);
            }
        } else if (known.isPresent()) {
            throw new CallbackFormatException(FORMAT, path + ".email", "missing (every " + kind + " event names its recipient)", null);
        }
        JsonNode time = e.get("time");
        if (time != null && !time.isNull()) {
            if (!time.canConvertToLong()) {
                throw new CallbackFormatException(FORMAT, path + ".time", "expected Unix seconds, got " + time, null);
            }
            try {
                d.occurredAt(Instant.ofEpochSecond(time.asLong()));
            } catch (DateTimeException ex) {
                throw new CallbackFormatException(FORMAT, path + ".time", "out of range: " + time, ex);
            }
        }
        text(e, "MessageID", path).ifPresent(d::providerMessageId);
        text(e, "Message_GUID", path).ifPresent(v -> d.metadata("Message_GUID", v));
        text(e, "CustomID", path).ifPresent(v -> d.metadata("CustomID", v));
        text(e, "Payload", path).ifPresent(v -> d.metadata("Payload", v));
        Optional<String> campaign = text(e, "customcampaign", path);
        campaign.ifPresent(d::campaign);
        if (known.isEmpty()) {
            return new MailEvent.Unknown(d.build(), kind);
        }
        return switch (known.get()) {
            case SENT -> new MailEvent.Delivered(d.build(), text(e, "smtp_reply", path).map(MailjetWebhookCodec::diagnostic).orElse(Diagnostic.NONE));
            case BOUNCE -> bounce(e, path, d.build());
            case BLOCKED -> {
                Diagnostic diag = failure(e, path);
                yield new MailEvent.Blocked(d.build(), reason(e, path, diag).orElse(BounceReason.BLOCKED), diag);
            }
            case SPAM -> {
                text(e, "source", path).ifPresent(v -> d.metadata("source", v));
                yield new MailEvent.Complained(d.build(), Optional.empty());
            }
            case UNSUB -> {
                Optional<String> list = text(e, "mj_list_id", path);
                if (list.isPresent()) {
                    d.campaign("mj_list:" + list.get()); // the list left, as the scope names it; customcampaign is in the raw JSON
                    yield new MailEvent.Unsubscribed(d.build(), UnsubscribeScope.CAMPAIGN);
                }
                yield new MailEvent.Unsubscribed(d.build(), UnsubscribeScope.GLOBAL);
            }
            case OPEN -> new MailEvent.Opened(d.build());
            case CLICK -> new MailEvent.Clicked(d.build(), text(e, "url", path));
        };
    }

    private static MailEvent bounce(JsonNode e, String path, EventDetails details) {
        JsonNode hard = e.get("hard_bounce");
        if (hard != null && !hard.isNull() && !hard.isBoolean()) {
            throw new CallbackFormatException(FORMAT, path + ".hard_bounce", "expected true or false, got " + hard, null);
        }
        boolean permanent = hard != null && hard.asBoolean();
        Diagnostic diag = failure(e, path);
        BounceReason reason = reason(e, path, diag).orElse(BounceReason.UNDEFINED);
        String error = text(e, "error", path).orElse("").toLowerCase(Locale.ROOT);
        if (!permanent && error.equals("greylisted")) {
            return new MailEvent.Deferred(details, reason, diag);
        }
        return new MailEvent.Bounced(details, permanent ? BounceClass.HARD : BounceClass.SOFT, reason, diag);
    }

    /** The table's reason for {@code error}, else what the receiver's text in {@code comment} says, else none. */
    private static Optional<BounceReason> reason(JsonNode e, String path, Diagnostic diag) {
        String error = text(e, "error", path).orElse("").toLowerCase(Locale.ROOT);
        BounceReason mapped = ERRORS.get(error);
        if (mapped != null) {
            return Optional.of(mapped);
        }
        if (text(e, "comment", path).isEmpty()) {
            return Optional.empty(); // only the receiver's own words are classified, never our "related_to: error" text
        }
        BounceReason classified = BounceClassifier.reason(diag.status(), diag.text());
        return classified == BounceReason.UNDEFINED ? Optional.empty() : Optional.of(classified);
    }

    /** {@code comment} (the receiver's words, when Mailjet has them) else {@code error_related_to: error}. */
    private static Diagnostic failure(JsonNode e, String path) {
        Optional<String> comment = text(e, "comment", path);
        if (comment.isPresent()) {
            return diagnostic(comment.get());
        }
        Optional<String> error = text(e, "error", path);
        return error.map(x -> Diagnostic.ofText(text(e, "error_related_to", path).map(r -> r + ": ").orElse("") + x)).orElse(Diagnostic.NONE);
    }

    private static Diagnostic diagnostic(String text) {
        Matcher m = REPLY.matcher(text);
        OptionalInt code = m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        Optional<EnhancedStatusCode> status = EnhancedStatusCode.find(text);
        return new Diagnostic(status, code, text, Optional.empty());
    }

    private static Optional<String> text(JsonNode node, String field, String path) {
        return JsonPayloads.text(FORMAT, node, field, path);
    }

    /** The kinds this codec maps; see the table above. */
    private enum Kind {
        SENT, BOUNCE, BLOCKED, SPAM, UNSUB, OPEN, CLICK;

        static Optional<Kind> of(String event) {
            return Optional.ofNullable(switch (event) {
                case "sent" -> SENT;
                case "bounce" -> BOUNCE;
                case "blocked" -> BLOCKED;
                case "spam" -> SPAM;
                case "unsub" -> UNSUB;
                case "open" -> OPEN;
                case "click" -> CLICK;
                default -> null;
            });
        }
    }
}
