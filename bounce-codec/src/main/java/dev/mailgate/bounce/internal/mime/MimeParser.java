package dev.mailgate.bounce.internal.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A lenient MIME parser for mail written by any server on the internet (RFC 2045/2046). It never throws on broken
 * structure: a missing boundary makes a single part, an unterminated multipart ends at the end of input, and nesting
 * deeper than the depth bound or past the part bound (InputLimits' maxMimeDepth and maxMimeParts) is kept as opaque
 * bodies, so hostile input costs bounded time and memory.
 */
public final class MimeParser {
    private final int maxDepth;
    private final int maxParts;
    private int parts;

    private MimeParser(int maxDepth, int maxParts) {
        this.maxDepth = maxDepth;
        this.maxParts = maxParts;
    }

    /**
     * @param message the whole message, one char per octet (ISO-8859-1 decoded), any line ends
     * @param maxDepth multipart levels read; deeper parts stay opaque
     * @param maxParts parts read; the rest stay in their parent's body
     */
    public static MimePart parse(String message, int maxDepth, int maxParts) {
        String lf = message.indexOf('\r') < 0 ? message : message.replace("\r\n", "\n").replace('\r', '\n');
        return new MimeParser(maxDepth, maxParts).entity(lf, 0, "text/plain");
    }

    private MimePart entity(String text, int depth, String defaultType) {
        parts++;
        int split = headerEnd(text);
        HeaderList headers = HeaderList.parse(text, 0, split);
        String body = split >= text.length() ? "" : text.substring(Math.min(text.length(), split + 1));
        String contentType = headers.firstOrEmpty("Content-Type");
        String type = contentType.isBlank() ? defaultType : HeaderList.mediaType(contentType);
        if (contentType.isBlank() && type.equals("text/plain")) {
            Optional<String> implicit = implicitBoundary(body);
            if (implicit.isPresent()) {
                // some MTAs (Sendmail when the original had no MIME headers) write a multipart body but forget
                // the Content-Type; the repeated "--boundary" lines still say what it is
                contentType = "multipart/mixed; boundary=\"" + implicit.get() + "\"";
                type = "multipart/mixed";
            }
        }
        if (!type.contains("/")) {
            type = defaultType;
        }
        if (depth >= maxDepth || parts >= maxParts) {
            return new MimePart(headers, type, body, List.of(), Optional.empty());
        }
        if (type.startsWith("multipart/")) {
            Optional<String> boundary = HeaderList.parameter(contentType, "boundary");
            if (boundary.isEmpty() || boundary.get().isEmpty() || body.indexOf("--" + boundary.get()) < 0) {
                // a boundary the body never uses (a rewritten header): the body's own delimiter lines decide
                Optional<String> implicit = implicitBoundary(body);
                if (implicit.isPresent()) {
                    boundary = implicit;
                }
            }
            if (boundary.isPresent() && !boundary.get().isEmpty()) {
                List<MimePart> children = new ArrayList<>();
                String childDefault = type.equals("multipart/digest") ? "message/rfc822" : "text/plain";
                for (String piece : split(body, boundary.get())) {
                    children.add(entity(piece, depth + 1, childDefault));
                    if (parts >= maxParts) {
                        break;
                    }
                }
                if (!children.isEmpty()) {
                    return new MimePart(headers, type, body, List.copyOf(children), Optional.empty());
                }
            }
            return new MimePart(headers, "text/plain", body, List.of(), Optional.empty());
        }
        if (type.equals("message/rfc822") || type.equals("message/global") || type.equals("text/rfc822-headers")
                || type.equals("message/rfc822-headers")) {
            // only the quoted message's header block is read: a bounce is about the message, not its content, and
            // the body (often with attachments) would cost more than the whole report. Except when the quoted
            // message is itself a report: relays forward the DSN they received as a message/rfc822
            String decoded = BodyDecoder.transferDecoded(body, headers.firstOrEmpty("Content-Transfer-Encoding"));
            int end = headerEnd(decoded);
            HeaderList quotedHeaders = HeaderList.parse(decoded, 0, end);
            if (HeaderList.mediaType(quotedHeaders.firstOrEmpty("Content-Type")).equals("multipart/report")) {
                return new MimePart(headers, type, body, List.of(), Optional.of(entity(decoded, depth + 1, "text/plain")));
            }
            MimePart quoted = new MimePart(quotedHeaders, "message/rfc822-headers",
                    end >= decoded.length() ? "" : decoded.substring(end + 1), List.of(), Optional.empty());
            return new MimePart(headers, type, body, List.of(), Optional.of(quoted));
        }
        return new MimePart(headers, type, body, List.of(), Optional.empty());
    }

    /** A {@code --token} line near the start of the body that appears again further down, if there is one. */
    static Optional<String> implicitBoundary(String body) {
        int pos = 0;
        for (int line = 0; line < 40 && pos < body.length(); line++) {
            int eol = body.indexOf('\n', pos);
            String l = (eol < 0 ? body.substring(pos) : body.substring(pos, eol)).strip();
            if (l.startsWith("--") && l.length() > 6 && l.indexOf(' ') < 0 && !l.startsWith("---")) {
                String boundary = l.substring(2);
                if (body.indexOf("\n" + l, eol < 0 ? body.length() : eol) >= 0) {
                    return Optional.of(boundary);
                }
            }
            if (eol < 0) {
                break;
            }
            pos = eol + 1;
        }
        return Optional.empty();
    }

    /** Where the header block ends: the index of the empty line's LF, or the text length if there is no body. */
    static int headerEnd(String text) {
        if (text.startsWith("\n")) {
            return 0;
        }
        int i = text.indexOf("\n\n");
        return i < 0 ? text.length() : i + 1;
    }

    /** The bodies between {@code --boundary} lines (RFC 2046 5.1.1), preamble and epilogue dropped. */
    static List<String> split(String body, String boundary) {
        String delimiter = "--" + boundary;
        List<String> out = new ArrayList<>();
        int start = -1;
        int pos = 0;
        while (pos <= body.length()) {
            int i = body.indexOf(delimiter, pos);
            if (i < 0) {
                break;
            }
            boolean lineStart = i == 0 || body.charAt(i - 1) == '\n';
            int after = i + delimiter.length();
            if (!lineStart) {
                pos = after;
                continue;
            }
            boolean close = body.startsWith("--", after);
            int eol = body.indexOf('\n', after);
            if (start >= 0) {
                out.add(body.substring(start, i == 0 ? 0 : i - 1));
            }
            if (close) {
                return out;
            }
            start = eol < 0 ? body.length() : eol + 1;
            pos = start;
        }
        if (start >= 0 && start < body.length()) {
            out.add(body.substring(start));
        }
        return out;
    }
}
