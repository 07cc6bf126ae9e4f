package dev.mailgate.cli.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.core.MailException;
import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.message.Attachment;
import dev.mailgate.core.message.ContentSource;
import dev.mailgate.core.message.ContentType;
import dev.mailgate.core.message.Disposition;
import dev.mailgate.core.message.EmailMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the message JSON format of {@code mailgate render} (documented in the cli README). Strict: an unknown
 * field is an error, so that a typo such as {@code "subjet"} is not silently dropped.
 */
public final class MessageJson {
    private static final Set<String> FIELDS = Set.of("from", "sender", "to", "cc", "bcc", "replyTo", "subject", "text",
            "textFile", "html", "htmlFile", "headers", "messageId", "date", "attachments", "listUnsubscribe",
            "listUnsubscribeOneClick", "envelopeFrom", "envelopeRecipients", "tags", "metadata");
    private static final Set<String> ATTACHMENT_FIELDS = Set.of("file", "base64", "text", "name", "contentType", "inline", "contentId");

    private final Path baseDir;

    /** @param baseDir the directory relative file paths (textFile, attachments' file) are resolved against */
    public MessageJson(Path baseDir) {
        this.baseDir = baseDir;
    }

    public EmailMessage read(byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "$" : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new MessageJsonException(where, "malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MessageJsonException("$", "cannot read JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MessageJsonException("$", "expected a JSON object describing the message", null);
        }
        checkFields(root, "$", FIELDS);
        EmailMessage.Builder b = EmailMessage.builder();
        apply("$.from", () -> string(root, "from", "$").ifPresent(b::from));
        apply("$.sender", () -> string(root, "sender", "$").map(EmailAddress::parse).ifPresent(b::sender));
        addresses(root, "to", b::to);
        addresses(root, "cc", b::cc);
        addresses(root, "bcc", b::bcc);
        addresses(root, "replyTo", b::replyTo);
        apply("$.subject", () -> string(root, "subject", "$").ifPresent(b::subject));
        apply("$.text", () -> string(root, "text", "$").ifPresent(b::text));
        apply("$.textFile", () -> string(root, "textFile", "$").map(f -> readText(f, "$.textFile")).ifPresent(b::text));
        apply("$.html", () -> string(root, "html", "$").ifPresent(b::html));
        apply("$.htmlFile", () -> string(root, "htmlFile", "$").map(f -> readText(f, "$.htmlFile")).ifPresent(b::html));
        apply("$.messageId", () -> string(root, "messageId", "$").ifPresent(b::messageId));
        apply("$.date", () -> string(root, "date", "$").map(MessageJson::date).ifPresent(b::date));
        apply("$.envelopeFrom", () -> string(root, "envelopeFrom", "$").map(EmailAddress::parse).ifPresent(b::envelopeFrom));
        if (root.has("envelopeRecipients")) {
            List<EmailAddress> rcpts = new ArrayList<>();
            addresses(root, "envelopeRecipients", rcpts::addAll);
            b.envelopeRecipients(rcpts);
        }
        JsonNode headers = root.get("headers");
        if (headers != null) {
            if (!headers.isObject()) {
                throw new MessageJsonException("$.headers", "expected an object of header name to value (or array of values)", null);
            }
            for (Map.Entry<String, JsonNode> e : headers.properties()) {
                String where = "$.headers['" + e.getKey() + "']";
                for (String value : stringOrArray(e.getValue(), where)) {
                    apply(where, () -> b.header(e.getKey(), value));
                }
            }
        }
        JsonNode unsubscribe = root.get("listUnsubscribe");
        if (unsubscribe != null) {
            for (String uri : stringOrArray(unsubscribe, "$.listUnsubscribe")) {
                apply("$.listUnsubscribe", () -> b.listUnsubscribe(uri(uri, "$.listUnsubscribe")));
            }
        }
        apply("$.listUnsubscribeOneClick", () -> string(root, "listUnsubscribeOneClick", "$")
                .ifPresent(u -> b.listUnsubscribeOneClick(uri(u, "$.listUnsubscribeOneClick"))));
        JsonNode tags = root.get("tags");
        if (tags != null) {
            for (String tag : stringOrArray(tags, "$.tags")) {
                apply("$.tags", () -> b.tag(tag));
            }
        }
        JsonNode metadata = root.get("metadata");
        if (metadata != null) {
            if (!metadata.isObject()) {
                throw new MessageJsonException("$.metadata", "expected an object of string values", null);
            }
            for (Map.Entry<String, JsonNode> e : metadata.properties()) {
                String where = "$.metadata['" + e.getKey() + "']";
                if (!e.getValue().isTextual()) {
                    throw new MessageJsonException(where, "expected a string", null);
                }
                apply(where, () -> b.metadata(e.getKey(), e.getValue().asText()));
            }
        }
        JsonNode attachments = root.get("attachments");
        if (attachments != null) {
            if (!attachments.isArray()) {
                throw new MessageJsonException("$.attachments", "expected an array", null);
            }
            for (int i = 0; i < attachments.size(); i++) {
                String where = "$.attachments[" + i + "]";
                Attachment a = attachment(attachments.get(i), where);
                apply(where, () -> b.attach(a));
            }
        }
        return b.build();
    }

    private Attachment attachment(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new MessageJsonException(where, "expected an object with file, base64 or text", null);
        }
        checkFields(node, where, ATTACHMENT_FIELDS);
        int sources = (node.has("file") ? 1 : 0) + (node.has("base64") ? 1 : 0) + (node.has("text") ? 1 : 0);
        if (sources != 1) {
            throw new MessageJsonException(where, "needs exactly one of file, base64 or text, has " + sources, null);
        }
        Optional<String> file = string(node, "file", where);
        Optional<String> name = string(node, "name", where).or(() -> file.map(f -> Path.of(f).getFileName().toString()));
        boolean inline = node.has("inline") && node.get("inline").asBoolean();
        Optional<String> contentId = string(node, "contentId", where);
        // The one content-type parser of the library (RFC 2045/2231): the error names the position in the value.
        ContentType type;
        try {
            type = ContentType.parse(string(node, "contentType", where).orElseGet(() -> guessType(name.orElse(""))));
        } catch (MailException e) {
            throw new MessageJsonException(where + ".contentType", e.getMessage(), e);
        }
        ContentSource source;
        if (file.isPresent()) {
            Path path = baseDir.resolve(file.get());
            if (!Files.isReadable(path)) {
                throw new MessageJsonException(where + ".file", "cannot read " + path, null);
            }
            source = ContentSource.of(path);
        } else if (node.has("base64")) {
            try {
                source = ContentSource.of(Base64.getMimeDecoder().decode(string(node, "base64", where).orElseThrow()));
            } catch (IllegalArgumentException e) {
                throw new MessageJsonException(where + ".base64", "not valid base64: " + e.getMessage(), e);
            }
        } else {
            source = ContentSource.of(string(node, "text", where).orElseThrow().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        if (!inline && name.isEmpty()) {
            throw new MessageJsonException(where, "an attachment needs a name (or a file to take it from)", null);
        }
        try {
            return new Attachment(name, type, source, inline ? Disposition.INLINE : Disposition.ATTACHMENT, contentId);
        } catch (MailException e) {
            throw new MessageJsonException(where, e.getMessage(), e);
        }
    }

    private static String guessType(String name) {
        String guessed = java.net.URLConnection.guessContentTypeFromName(name);
        return guessed == null ? "application/octet-stream" : guessed;
    }

    private void addresses(JsonNode root, String field, Consumer<List<EmailAddress>> sink) {
        JsonNode node = root.get(field);
        if (node == null) {
            return;
        }
        List<String> values = stringOrArray(node, "$." + field);
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            String where = "$." + field + (node.isArray() ? "[" + i + "]" : "");
            apply(where, () -> sink.accept(EmailAddress.parseList(value)));
        }
    }

    private String readText(String file, String where) {
        try {
            return Files.readString(baseDir.resolve(file));
        } catch (IOException e) {
            throw new MessageJsonException(where, "cannot read " + baseDir.resolve(file) + ": " + e.getMessage(), e);
        }
    }

    private static OffsetDateTime date(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected an ISO-8601 date-time with offset, such as 2026-11-23T10:15:30+01:00, got \"" + text + "\"");
        }
    }

    private static URI uri(String text, String where) {
        try {
            return new URI(text);
        } catch (java.net.URISyntaxException e) {
            throw new MessageJsonException(where, "not a URI: " + e.getMessage(), e);
        }
    }

    private static Optional<String> string(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new MessageJsonException(where + "." + field, "expected a string, got " + value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT), null);
        }
        return Optional.of(value.asText());
    }

    private static List<String> stringOrArray(JsonNode node, String where) {
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            throw new MessageJsonException(where, "expected a string or an array of strings", null);
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new MessageJsonException(where + "[" + i + "]", "expected a string", null);
            }
            values.add(node.get(i).asText());
        }
        return values;
    }

    private static void checkFields(JsonNode node, String where, Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new MessageJsonException(where + "." + name, "unknown field; known fields: " + new java.util.TreeSet<>(known), null);
            }
        }
    }

    /** Runs a builder step and attributes its error (bad address, header injection, ...) to the JSON location. */
    private static void apply(String where, Runnable step) {
        try {
            step.run();
        } catch (MessageJsonException e) {
            throw e;
        } catch (MailException | IllegalArgumentException e) {
            throw new MessageJsonException(where, e.getMessage(), e);
        }
    }
}
