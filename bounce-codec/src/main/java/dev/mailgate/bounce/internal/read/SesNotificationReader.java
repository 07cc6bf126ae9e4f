package dev.mailgate.bounce.internal.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.core.transport.EnhancedStatusCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Amazon SES notifications mailed as JSON (an SNS e-mail subscription): {@code notificationType} Bounce, Complaint or
 * Delivery, either bare or wrapped in the SNS envelope whose {@code Message} is the notification as a string.
 */
public final class SesNotificationReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** @param kind {@code bounce}, {@code complaint} or {@code delivery} */
    public record Result(String kind, List<RecipientReading> findings, Optional<String> messageId, Optional<String> feedbackType) {
    }

    private SesNotificationReader() {
    }

    public static Optional<Result> read(String body) {
        String text = body.strip();
        if (!text.startsWith("{") || !text.contains("notificationType")) {
            return Optional.empty();
        }
        try {
            int end = text.lastIndexOf('}');
            // mail transport wraps long lines; a line break is never part of JSON's meaning, and inside a string
            // it is invalid, so removing them restores what SNS sent
            JsonNode node = JSON.readTree(text.substring(0, end + 1).replace("\r", "").replace("\n", ""));
            if (node.path("Message").isTextual()) {
                node = JSON.readTree(node.path("Message").asText());
            }
            return Optional.ofNullable(fromNotification(node));
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    private static Result fromNotification(JsonNode n) {
        String type = n.path("notificationType").asText("").toLowerCase(java.util.Locale.ROOT);
        Optional<String> messageId = text(n.path("mail").path("messageId"));
        List<RecipientReading> out = new ArrayList<>();
        switch (type) {
            case "bounce" -> {
                JsonNode b = n.path("bounce");
                String context = b.path("bounceType").asText("") + " " + b.path("bounceSubType").asText("");
                for (JsonNode r : b.path("bouncedRecipients")) {
                    String diagnostic = Replies.collapse(Replies.typed(r.path("diagnosticCode").asText("")));
                    Optional<EnhancedStatusCode> status = text(r.path("status")).flatMap(EnhancedStatusCode::find)
                            .or(() -> Replies.status(diagnostic));
                    out.add(new RecipientReading(Replies.address(r.path("emailAddress").asText("")), status, Replies.replyCode(diagnostic),
                            diagnostic, context, text(r.path("action")), Optional.empty(), text(b.path("reportingMTA")).map(Replies::typed),
                            Optional.empty()));
                }
            }
            case "complaint" -> {
                JsonNode c = n.path("complaint");
                for (JsonNode r : c.path("complainedRecipients")) {
                    out.add(RecipientReading.of(Replies.address(r.path("emailAddress").asText("")), "", ""));
                }
                return new Result(type, out, messageId, text(c.path("complaintFeedbackType")));
            }
            case "delivery" -> {
                JsonNode d = n.path("delivery");
                for (JsonNode r : d.path("recipients")) {
                    String diagnostic = d.path("smtpResponse").asText("");
                    out.add(RecipientReading.of(Replies.address(r.asText("")), diagnostic, ""));
                }
            }
            default -> {
                return null;
            }
        }
        return new Result(type, out, messageId, Optional.empty());
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }
}
