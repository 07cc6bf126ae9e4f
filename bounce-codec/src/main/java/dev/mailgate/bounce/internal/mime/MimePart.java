package dev.mailgate.bounce.internal.mime;

import java.util.List;
import java.util.Optional;

/**
 * One entity of a parsed message. The body is kept as it arrived (one char per octet, line ends LF); {@link #text()}
 * undoes the transfer encoding and the charset.
 *
 * @param embedded the parsed message inside a {@code message/*} part, if this is one
 */
public record MimePart(HeaderList headers, String mediaType, String rawBody, List<MimePart> children, Optional<MimePart> embedded) {

    public Optional<String> parameter(String name) {
        return HeaderList.parameter(headers.firstOrEmpty("Content-Type"), name);
    }

    public boolean isMultipart() {
        return mediaType.startsWith("multipart/");
    }

    /** The body as text: transfer encoding undone, charset decoded (unknown charsets fall back, never fail). */
    public String text() {
        return BodyDecoder.text(rawBody, headers.firstOrEmpty("Content-Transfer-Encoding"), parameter("charset").orElse(""));
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
