package dev.mailgate.bounce.internal.mime;

import java.util.List;
import java.util.Optional;

/**
 * One entity of a parsed message. The body is kept as it arrived (one char per octet, line ends LF), as a range of
 * the text it was parsed from: a part's body is copied only when something reads it ({@link #rawBody()},
 * {@link #text()}), and most bodies (the quoted original, attachments, every multipart's own) are never read.
 */
public final class MimePart {
    private final HeaderList headers;
    private final String mediaType;
    private final String source;
    private final int bodyFrom;
    private final int bodyTo;
    private final List<MimePart> children;
    private final Optional<MimePart> embedded;

    /**
     * @param source the text the body is a range of, {@code source[bodyFrom, bodyTo)}
     * @param embedded the parsed message inside a {@code message/*} part, if this is one
     */
    MimePart(HeaderList headers, String mediaType, String source, int bodyFrom, int bodyTo, List<MimePart> children,
            Optional<MimePart> embedded) {
        this.headers = headers;
        this.mediaType = mediaType;
        this.source = source;
        this.bodyFrom = bodyFrom;
        this.bodyTo = bodyTo;
        this.children = children;
        this.embedded = embedded;
    }

    public HeaderList headers() {
        return headers;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The body as it arrived; a copy of its range, made on each call. */
    public String rawBody() {
        return source.substring(bodyFrom, bodyTo);
    }

    /** Whether the body as it arrived contains {@code s}, searched in place and within the body only. */
    public boolean bodyContains(String s) {
        return MimeParser.indexOf(source, s, bodyFrom, bodyTo) >= 0;
    }

    public List<MimePart> children() {
        return children;
    }

    public Optional<MimePart> embedded() {
        return embedded;
    }

    public Optional<String> parameter(String name) {
        return HeaderList.parameter(headers.firstOrEmpty("Content-Type"), name);
    }

    public boolean isMultipart() {
        return mediaType.startsWith("multipart/");
    }

    /** The body as text: transfer encoding undone, charset decoded (unknown charsets fall back, never fail). */
    public String text() {
        return BodyDecoder.text(rawBody(), headers.firstOrEmpty("Content-Transfer-Encoding"), parameter("charset").orElse(""));
    }

    /** This part and every part below it, depth first, including embedded messages. */
    public void forEach(java.util.function.Consumer<MimePart> action) {
        action.accept(this);
        for (MimePart c : children) {
            c.forEach(action);
        }
        embedded.ifPresent(e -> e.forEach(action));
    }
}
