package dev.mailgate.ses.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailgate.core.event.CallbackFormatException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SNS HTTP(S) envelope, read in one place for the codec and the authenticator. Field names and the string to
 * sign are those of "Verifying the signatures of Amazon SNS messages"
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message-verify-message-signature.html): for a
 * Notification, Message, MessageId, Subject (only if present), Timestamp, TopicArn and Type; for a
 * SubscriptionConfirmation or UnsubscribeConfirmation, Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn
 * and Type; each as its name, a newline, its value, a newline.
 */
record SnsMessage(String type, String messageId, String topicArn, String message, Optional<String> subject, String timestamp,
        String signatureVersion, String signature, String signingCertUrl, Optional<String> subscribeUrl, Optional<String> token) {
    static final String NOTIFICATION = "Notification";
    static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";
    /** The only hosts SNS signs from; a certificate anywhere else could be anybody's. */
    private static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z]{2}(-[a-z]+)+-\\d\\.amazonaws\\.com");

    static SnsMessage read(String format, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new CallbackFormatException(format, "$", "expected an SNS message object {\"Type\": ..., \"Message\": ...}", null);
        }
        String type = required(format, root, "Type");
        boolean confirmation = type.equals(SUBSCRIPTION_CONFIRMATION) || type.equals(UNSUBSCRIBE_CONFIRMATION);
        return new SnsMessage(type, required(format, root, "MessageId"), required(format, root, "TopicArn"), required(format, root, "Message"),
                optional(format, root, "Subject"), required(format, root, "Timestamp"), optional(format, root, "SignatureVersion").orElse(""),
                optional(format, root, "Signature").orElse(""), optional(format, root, "SigningCertURL").orElse(""),
                confirmation ? Optional.of(required(format, root, "SubscribeURL")) : optional(format, root, "SubscribeURL"),
                confirmation ? Optional.of(required(format, root, "Token")) : optional(format, root, "Token"));
    }

    /** The bytes SNS signed. */
    byte[] stringToSign() {
        StringBuilder sb = new StringBuilder(message.length() + 512);
        if (type.equals(NOTIFICATION)) {
            add(sb, "Message", message);
            add(sb, "MessageId", messageId);
            subject.ifPresent(s -> add(sb, "Subject", s));
            add(sb, "Timestamp", timestamp);
            add(sb, "TopicArn", topicArn);
            add(sb, "Type", type);
        } else {
            add(sb, "Message", message);
            add(sb, "MessageId", messageId);
            add(sb, "SubscribeURL", subscribeUrl.orElse(""));
            add(sb, "Timestamp", timestamp);
            add(sb, "Token", token.orElse(""));
            add(sb, "TopicArn", topicArn);
            add(sb, "Type", type);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The URL if it is {@code https://sns.<region>.amazonaws.com/...} with nothing unusual about it; empty otherwise. */
    static Optional<URI> snsUrl(String url) {
        try {
            URI uri = new URI(url);
            boolean ok = "https".equals(uri.getScheme()) && uri.getRawUserInfo() == null && uri.getHost() != null
                    && SNS_HOST.matcher(uri.getHost()).matches() && (uri.getPort() == -1 || uri.getPort() == 443) && uri.getRawFragment() == null;
            return ok ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    boolean isConfirmation() {
        return List.of(SUBSCRIPTION_CONFIRMATION, UNSUBSCRIBE_CONFIRMATION).contains(type);
    }

    private static void add(StringBuilder sb, String name, String value) {
        sb.append(name).append('\n').append(value).append('\n');
    }

    private static String required(String format, JsonNode root, String field) {
        return optional(format, root, field).orElseThrow(() -> new CallbackFormatException(format, "$." + field, "missing", null));
    }

    private static Optional<String> optional(String format, JsonNode root, String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new CallbackFormatException(format, "$." + field, "expected a string, got " + v.getNodeType(), null);
        }
        return Optional.of(v.asText());
    }
}
