package dev.mailgate.core.message;

import dev.mailgate.core.internal.Rfc5322;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A file attached to a message, or an inline part (such as an image) that the HTML body references as
 * {@code cid:<contentId>}.
 *
 * @param fileName the file name shown to the reader; may be non-ASCII (written per RFC 2231); empty for an
 *        inline part that has none
 * @param contentType a MIME type such as {@code application/pdf}, optionally with parameters; the file name goes
 *        into its {@code name} parameter when rendered, so the type must not carry one of its own
 * @param content where the bytes come from
 * @param disposition attachment or inline
 * @param contentId the Content-ID without angle brackets; required for inline parts
 */
public record Attachment(Optional<String> fileName, ContentType contentType, ContentSource content,
                         Disposition disposition, Optional<String> contentId) {

    private static final String OCTET_STREAM = "application/octet-stream";

    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(contentId, "contentId");
        fileName.ifPresent(name -> {
            HeaderChecks.checkText("attachment file name", name);
            if (name.isBlank()) {
                throw new InvalidHeaderException("attachment file name", "must not be blank");
            }
        });
        if (fileName.isPresent() && contentType.parameter("name").isPresent()) {
            // The renderer writes the file name as the name parameter (and as the disposition's filename): a second,
            // different name would leave it to each reader which one to show.
            throw new InvalidHeaderException("attachment content type " + contentType,
                    "has a name parameter; the name is taken from the attachment's file name " + Rfc5322.printable(fileName.get()));
        }
        if (contentType.type().equals("multipart")) {
            // RFC 2045 section 6.4: a multipart entity cannot be base64-encoded, and the writer encodes every file so.
            throw new InvalidHeaderException("attachment content type " + contentType,
                    "is multipart, which cannot be an attachment's type (RFC 2045 section 6.4); attach the parts instead");
        }
        contentId.ifPresent(Attachment::checkContentId);
        if (disposition == Disposition.INLINE && contentId.isEmpty()) {
            throw new InvalidHeaderException("inline part " + fileName.orElse(""), "needs a content id for the HTML to reference");
        }
    }

    /**
     * The same, with the content type given as text, parsed by {@link ContentType#parse}.
     *
     * @throws InvalidHeaderException when the type is not a valid content type, naming the position of the problem
     */
    public Attachment(Optional<String> fileName, String contentType, ContentSource content, Disposition disposition,
                      Optional<String> contentId) {
        this(fileName, ContentType.parse(contentType), content, disposition, contentId);
    }

    /** An attachment from bytes; the type is guessed from the file name's extension. */
    public static Attachment of(String fileName, byte[] bytes) {
        return of(fileName, bytes, guessType(fileName));
    }

    public static Attachment of(String fileName, byte[] bytes, String contentType) {
        return new Attachment(Optional.of(fileName), contentType, ContentSource.of(bytes), Disposition.ATTACHMENT, Optional.empty());
    }

    /** An attachment streamed from a file when the message is rendered. */
    public static Attachment of(Path file) {
        String name = file.getFileName().toString();
        return new Attachment(Optional.of(name), guessType(name), ContentSource.of(file), Disposition.ATTACHMENT, Optional.empty());
    }

    /** An attachment streamed from any source. */
    public static Attachment of(String fileName, String contentType, ContentSource content) {
        return new Attachment(Optional.of(fileName), contentType, content, Disposition.ATTACHMENT, Optional.empty());
    }

    /** An inline part that the HTML references as {@code cid:contentId}. */
    public static Attachment inline(String contentId, byte[] bytes, String contentType) {
        return new Attachment(Optional.empty(), contentType, ContentSource.of(bytes), Disposition.INLINE, Optional.of(stripBrackets(contentId)));
    }

    /** An inline part with a file name, streamed from any source. */
    public static Attachment inline(String contentId, String fileName, String contentType, ContentSource content) {
        return new Attachment(Optional.of(fileName), contentType, content, Disposition.INLINE, Optional.of(stripBrackets(contentId)));
    }

    static String guessType(String fileName) {
        String guessed = URLConnection.guessContentTypeFromName(fileName);
        return guessed == null ? OCTET_STREAM : guessed;
    }

    private static String stripBrackets(String id) {
        return id.startsWith("<") && id.endsWith(">") && id.length() > 2 ? id.substring(1, id.length() - 1) : id;
    }

    /** msg-id content (RFC 5322 section 3.6.4): printable ASCII without brackets, spaces or a second '@'. */
    private static void checkContentId(String id) {
        if (id.isEmpty()) {
            throw new InvalidHeaderException("content id", "must not be empty");
        }
        // "Content-ID: <" + id + ">" is one unfoldable word: it must fit a line (RFC 5322 section 2.1.1).
        HeaderChecks.checkValue("content id", id, "Content-ID: <".length() + 1);
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= 32 || c >= 127 || c == '<' || c == '>' || c == '"' || c == '\\' || c == '(' || c == ')' || c == ',') {
                throw new InvalidHeaderException("content id " + Rfc5322.printable(id),
                        "character at position " + i + " is not allowed in a msg-id (RFC 5322 section 3.6.4)");
            }
        }
    }
}
