package dev.mailgate.ses.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailgate.bounce.BounceClassifier;
import dev.mailgate.bounce.Verdict;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.CallbackFormatException;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.event.UnsubscribeScope;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The SES JSON inside an SNS notification, to events: one per recipient the notification names.
 *
 * <table>
 * <caption>SES notification or event to MailEvent</caption>
 * <tr><th>notificationType / eventType</th><th>MailEvent</th><th>why</th></tr>
 * <tr><td>Bounce, Permanent, NoEmail</td><td>Bounced HARD (userunknown)</td><td>"the target email address does not
 *     exist"</td></tr>
 * <tr><td>Bounce, Permanent, Suppressed / OnAccountSuppressionList / UnsubscribedRecipient</td><td>Blocked
 *     (blocked)</td><td>SES did not send: the address is on a suppression list</td></tr>
 * <tr><td>Bounce, Permanent, General (or another subtype)</td><td>Bounced, class and reason from {@code status} and
 *     {@code diagnosticCode} with the bounce-mail classifier; HARD/undefined when they say nothing</td><td>a permanent
 *     failure the receiver explains</td></tr>
 * <tr><td>Bounce, Transient, MailboxFull / MessageTooLarge / ContentRejected / AttachmentRejected</td><td>Bounced SOFT
 *     (mailboxfull / mesgtoobig / contenterror / contenterror)</td><td>SES names the cause; the address is good</td></tr>
 * <tr><td>Bounce, Transient, General</td><td>Bounced SOFT, reason from the diagnostic</td><td>"you may be able to
 *     successfully send to this recipient in the future"</td></tr>
 * <tr><td>Bounce, Undetermined</td><td>Bounced UNDETERMINED</td><td>SES could not tell</td></tr>
 * <tr><td>Complaint (subtype OnAccountSuppressionList)</td><td>Blocked (blocked)</td><td>SES did not send to an
 *     address on the account's suppression list</td></tr>
 * <tr><td>Complaint</td><td>Complained ({@code complaintFeedbackType})</td><td>a feedback report from the mailbox
 *     provider</td></tr>
 * <tr><td>Delivery</td><td>Delivered ({@code smtpResponse}, {@code remoteMtaIp})</td><td>the receiver accepted it</td></tr>
 * <tr><td>Send</td><td>Queued</td><td>SES accepted the message and will try to deliver it</td></tr>
 * <tr><td>Reject</td><td>Blocked (virusdetected)</td><td>SES refused to send a message with a virus</td></tr>
 * <tr><td>Rendering Failure</td><td>Blocked (contenterror)</td><td>the template could not be rendered: nothing was
 *     sent</td></tr>
 * <tr><td>DeliveryDelay</td><td>Deferred, reason from {@code delayType}</td><td>a temporary failure SES retries</td></tr>
 * <tr><td>Open / Click</td><td>Opened / Clicked ({@code click.link})</td><td>tracked engagement</td></tr>
 * <tr><td>Subscription with unsubscribeAll</td><td>Unsubscribed GLOBAL</td><td>the recipient left every topic</td></tr>
 * <tr><td>Subscription (topic changes), anything else</td><td>Unknown</td><td>kept whole, not an error</td></tr>
 * </table>
 */
final class SesEvents {
    private SesEvents() {
    }

    static List<MailEvent> decode(JsonNode ses, String path, String snsMessageId, EventDetails.Builder base) {
        String kind = text(ses, "notificationType", path).or(() -> text(ses, "eventType", path)).orElseThrow(() ->
                new CallbackFormatException(SesSnsCodec.FORMAT, path + ".notificationType", "missing (and no eventType either)", null));
        JsonNode mail = ses.get("mail");
        boolean known = switch (kind) {
            case "Bounce", "Complaint", "Delivery", "Send", "Reject", "Open", "Click", "Rendering Failure", "DeliveryDelay", "Subscription" -> true;
            default -> false;
        };
        if (mail != null && mail.isObject()) {
            mail(mail, path + ".mail", base);
        } else if (known) {
            throw new CallbackFormatException(SesSnsCodec.FORMAT, path + ".mail", "missing or not an object", null);
        }
        if (!known) {
            return List.of(new MailEvent.Unknown(base.eventId(snsMessageId).build(), kind));
        }
        String at = path + ".mail.destination";
        return switch (kind) {
            case "Bounce" -> bounce(object(ses, "bounce", path), path + ".bounce", snsMessageId, base);
            case "Complaint" -> complaint(object(ses, "complaint", path), path + ".complaint", snsMessageId, base);
            case "Delivery" -> {
                JsonNode d = object(ses, "delivery", path);
                Diagnostic diag = new Diagnostic(text(d, "smtpResponse", path + ".delivery").flatMap(EnhancedStatusCode::find), OptionalInt.empty(),
                        text(d, "smtpResponse", path + ".delivery").orElse(""), text(d, "remoteMtaIp", path + ".delivery"));
                yield each(d.get("recipients"), path + ".delivery.recipients", snsMessageId, base, time(d, path + ".delivery"),
                        r -> new MailEvent.Delivered(r, diag));
            }
            case "Send" -> each(mail.get("destination"), at, snsMessageId, base, Optional.empty(), MailEvent.Queued::new);
            case "Reject" -> {
                String why = ses.path("reject").path("reason").asText("");
                yield each(mail.get("destination"), at, snsMessageId, base, Optional.empty(),
                        r -> new MailEvent.Blocked(r, BounceReason.VIRUS_DETECTED, why.isEmpty() ? Diagnostic.NONE : Diagnostic.ofText(why)));
            }
            case "Rendering Failure" -> {
                String why = ses.path("failure").path("errorMessage").asText("");
                yield each(mail.get("destination"), at, snsMessageId, base, Optional.empty(),
                        r -> new MailEvent.Blocked(r, BounceReason.CONTENT_ERROR, why.isEmpty() ? Diagnostic.NONE : Diagnostic.ofText(why)));
            }
            case "DeliveryDelay" -> delay(object(ses, "deliveryDelay", path), path + ".deliveryDelay", snsMessageId, base);
            case "Open" -> each(mail.get("destination"), at, snsMessageId, base, time(object(ses, "open", path), path + ".open"),
                    MailEvent.Opened::new);
            case "Click" -> {
                JsonNode c = object(ses, "click", path);
                Optional<String> link = text(c, "link", path + ".click");
                yield each(mail.get("destination"), at, snsMessageId, base, time(c, path + ".click"), r -> new MailEvent.Clicked(r, link));
            }
            default -> { // Subscription
                JsonNode s = object(ses, "subscription", path);
                if (s.path("newTopicPreferences").path("unsubscribeAll").asBoolean(false)) {
                    yield each(mail.get("destination"), at, snsMessageId, base, time(s, path + ".subscription"),
                            r -> new MailEvent.Unsubscribed(r, UnsubscribeScope.GLOBAL));
                }
                yield List.of(new MailEvent.Unknown(base.eventId(snsMessageId).build(), kind));
            }
        };
    }

    private static List<MailEvent> bounce(JsonNode b, String path, String id, EventDetails.Builder base) {
        String type = text(b, "bounceType", path).orElse("Undetermined");
        String subtype = text(b, "bounceSubType", path).orElse("General");
        JsonNode recipients = b.get("bouncedRecipients");
        return each(recipients, path + ".bouncedRecipients", id, base, time(b, path), (r, i) -> {
            JsonNode rec = recipients.get(i);
            String at = path + ".bouncedRecipients[" + i + "]";
            String text = text(rec, "diagnosticCode", at).orElse("");
            Optional<EnhancedStatusCode> status = text(rec, "status", at).flatMap(EnhancedStatusCode::find).or(() -> EnhancedStatusCode.find(text));
            Diagnostic diag = new Diagnostic(status, OptionalInt.empty(), text, Optional.empty());
            boolean silent = text.isEmpty() && status.isEmpty();
            BounceReason classified = silent ? BounceReason.UNDEFINED : BounceClassifier.reason(status, text);
            if (type.equals("Permanent")) {
                return switch (subtype) {
                    case "NoEmail" -> new MailEvent.Bounced(r, BounceClass.HARD, BounceReason.USER_UNKNOWN, diag);
                    case "Suppressed", "OnAccountSuppressionList", "UnsubscribedRecipient" -> new MailEvent.Blocked(r, BounceReason.SUPPRESSED, diag);
                    default -> silent ? new MailEvent.Bounced(r, BounceClass.HARD, BounceReason.UNDEFINED, diag)
                            : new MailEvent.Bounced(r, classOf(classified, status), classified, diag);
                };
            }
            if (type.equals("Transient")) {
                BounceReason reason = switch (subtype) {
                    case "MailboxFull" -> BounceReason.MAILBOX_FULL;
                    case "MessageTooLarge" -> BounceReason.MESSAGE_TOO_BIG;
                    case "ContentRejected", "AttachmentRejected" -> BounceReason.CONTENT_ERROR;
                    default -> classified;
                };
                return new MailEvent.Bounced(r, BounceClass.SOFT, reason, diag);
            }
            return new MailEvent.Bounced(r, BounceClass.UNDETERMINED, classified, diag);
        });
    }

    private static List<MailEvent> complaint(JsonNode c, String path, String id, EventDetails.Builder base) {
        boolean suppressed = text(c, "complaintSubType", path).filter("OnAccountSuppressionList"::equals).isPresent();
        Optional<String> feedback = text(c, "complaintFeedbackType", path);
        return each(c.get("complainedRecipients"), path + ".complainedRecipients", id, base, time(c, path),
                r -> suppressed ? new MailEvent.Blocked(r, BounceReason.SUPPRESSED, Diagnostic.NONE) : new MailEvent.Complained(r, feedback));
    }

    private static List<MailEvent> delay(JsonNode d, String path, String id, EventDetails.Builder base) {
        String type = text(d, "delayType", path).orElse("Undetermined");
        JsonNode recipients = d.get("delayedRecipients");
        return each(recipients, path + ".delayedRecipients", id, base, time(d, path), (r, i) -> {
            String at = path + ".delayedRecipients[" + i + "]";
            String text = text(recipients.get(i), "diagnosticCode", at).orElse("");
            Optional<EnhancedStatusCode> status = text(recipients.get(i), "status", at).flatMap(EnhancedStatusCode::find);
            BounceReason reason = switch (type) {
                case "MailboxFull" -> BounceReason.MAILBOX_FULL;
                case "SpamDetected" -> BounceReason.SPAM_DETECTED;
                case "InternalFailure", "RecipientServerError" -> BounceReason.SYSTEM_ERROR;
                case "TransientCommunicationFailure", "BYOIPHostNameLookupUnavailable" -> BounceReason.NETWORK_ERROR;
                case "IPFailure" -> BounceReason.BLOCKED;
                case "SendingDeferral" -> BounceReason.SPEEDING;
                default -> text.isEmpty() ? BounceReason.UNDEFINED : BounceClassifier.reason(status, text);
            };
            return new MailEvent.Deferred(r, reason, new Diagnostic(status, OptionalInt.empty(), text, text(d, "reportingMTA", path)));
        });
    }

    private static BounceClass classOf(BounceReason reason, Optional<EnhancedStatusCode> status) {
        Verdict v = Verdict.ofFailure(reason, status);
        return v == Verdict.HARD ? BounceClass.HARD : v == Verdict.SOFT ? BounceClass.SOFT : BounceClass.UNDETERMINED;
    }

    /** SES's {@code mail} object: its message id, the RFC Message-ID, and the tags of event publishing. */
    private static void mail(JsonNode mail, String path, EventDetails.Builder base) {
        text(mail, "messageId", path).ifPresent(base::providerMessageId);
        JsonNode common = mail.path("commonHeaders");
        if (common.isObject()) {
            text(common, "messageId", path + ".commonHeaders").map(s -> s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s)
                    .ifPresent(base::messageId);
        }
        time(mail, path).ifPresent(base::occurredAt);
        JsonNode tags = mail.get("tags");
        if (tags != null && tags.isObject()) {
            for (Map.Entry<String, JsonNode> t : tags.properties()) {
                List<String> values = new ArrayList<>();
                t.getValue().forEach(v -> values.add(v.asText()));
                base.metadata(t.getKey(), String.join(",", values));
            }
        }
    }

    private static List<MailEvent> each(JsonNode list, String path, String id, EventDetails.Builder base, Optional<Instant> at,
            Function<EventDetails, MailEvent> make) {
        return each(list, path, id, base, at, (d, i) -> make.apply(d));
    }

    private static List<MailEvent> each(JsonNode list, String path, String id, EventDetails.Builder base, Optional<Instant> at,
            java.util.function.BiFunction<EventDetails, Integer, MailEvent> make) {
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new CallbackFormatException(SesSnsCodec.FORMAT, path, "missing, empty or not a list of recipients", null);
        }
        List<MailEvent> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            JsonNode address = item.isObject() ? item.get("emailAddress") : item;
            String at2 = item.isObject() ? path + "[" + i + "].emailAddress" : path + "[" + i + "]";
            if (address == null || !address.isTextual()) {
                throw new CallbackFormatException(SesSnsCodec.FORMAT, at2, "expected an address string", null);
            }
            EventDetails.Builder d = base.build().toBuilder().eventId(id + "/" + i);
            try {
                d.recipient(EmailAddress.parse(address.asText()));
            } catch (InvalidAddressException e) {
                throw new CallbackFormatException(SesSnsCodec.FORMAT, at2, e.getMessage(), e);
            }
            at.ifPresent(d::occurredAt);
            out.add(make.apply(d.build(), i));
        }
        return List.copyOf(out);
    }

    private static JsonNode object(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new CallbackFormatException(SesSnsCodec.FORMAT, path + "." + field, "missing or not an object", null);
        }
        return v;
    }

    private static Optional<Instant> time(JsonNode node, String path) {
        Optional<String> t = text(node, "timestamp", path);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(t.get()));
        } catch (DateTimeParseException e) {
            throw new CallbackFormatException(SesSnsCodec.FORMAT, path + ".timestamp", "not an ISO 8601 instant: " + t.get(), e);
        }
    }

    private static Optional<String> text(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new CallbackFormatException(SesSnsCodec.FORMAT, path + "." + field, "expected a string, got " + v.getNodeType(), null);
        }
        return v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText().strip());
    }
}
