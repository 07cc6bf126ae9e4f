package dev.mailgate.bounce.internal.mime;

import java.nio.charset.StandardCharsets;
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

    /** The message's octets, one char each (ISO-8859-1), line ends made LF: what {@link #parse(String, int, int)} reads. */
    public static MimePart parse(byte[] message, int maxDepth, int maxParts) {
        return parse(lfText(message), maxDepth, maxParts);
    }

    /**
     * One char per octet with CRLF and bare CR made LF, in one pass over the octets: the two string replacements
     * copied a CRLF message twice more (2.5 % of the corpus' parse time, from a seventh of its messages).
     */
    static String lfText(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int cr = text.indexOf('\r');
        if (cr < 0) {
            return text;
        }
        byte[] out = new byte[raw.length];
        System.arraycopy(raw, 0, out, 0, cr);
        int n = cr;
        for (int i = cr; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\r') {
                if (i + 1 < raw.length && raw[i + 1] == '\n') {
                    continue;
                }
                b = '\n';
            }
            out[n++] = b;
        }
        return new String(out, 0, n, StandardCharsets.ISO_8859_1);
    }

    /**
     * @param message the whole message, one char per octet (ISO-8859-1 decoded), any line ends
     * @param maxDepth multipart levels read; deeper parts stay opaque
     * @param maxParts parts read; the rest stay in their parent's body
     */
    public static MimePart parse(String message, int maxDepth, int maxParts) {
        String lf = message.indexOf('\r') < 0 ? message : message.replace("\r\n", "\n").replace('\r', '\n');
        return new MimeParser(maxDepth, maxParts).entity(lf, 0, lf.length(), 0, "text/plain");
    }

    /**
     * The entity {@code text[from, to)}. Parts are ranges of the one text: a copy of each part and of each body at
     * every level was most of what parsing allocated, for bodies that are mostly never read.
     */
    private MimePart entity(String text, int from, int to, int depth, String defaultType) {
        parts++;
        int split = headerEnd(text, from, to);
        HeaderList headers = HeaderList.parse(text, from, split);
        int body = split >= to ? to : split + 1;
        String contentType = headers.firstOrEmpty("Content-Type");
        String type = contentType.isBlank() ? defaultType : HeaderList.mediaType(contentType);
        if (contentType.isBlank() && type.equals("text/plain")) {
            Optional<String> implicit = implicitBoundary(text, body, to);
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
            return new MimePart(headers, type, text, body, to, List.of(), Optional.empty());
        }
        if (type.startsWith("multipart/")) {
            Optional<String> boundary = HeaderList.parameter(contentType, "boundary");
            if (boundary.isEmpty() || boundary.get().isEmpty() || indexOf(text, "--" + boundary.get(), body, to) < 0) {
                // a boundary the body never uses (a rewritten header): the body's own delimiter lines decide
                Optional<String> implicit = implicitBoundary(text, body, to);
                if (implicit.isPresent()) {
                    boundary = implicit;
                }
            }
            if (boundary.isPresent() && !boundary.get().isEmpty()) {
                List<MimePart> children = new ArrayList<>();
                String childDefault = type.equals("multipart/digest") ? "message/rfc822" : "text/plain";
                List<int[]> pieces = split(text, body, to, boundary.get());
                for (int[] piece : pieces) {
                    children.add(entity(text, piece[0], piece[1], depth + 1, childDefault));
                    if (parts >= maxParts) {
                        break;
                    }
                }
                if (!children.isEmpty()) {
                    return new MimePart(headers, type, text, body, to, List.copyOf(children), Optional.empty());
                }
            }
            return new MimePart(headers, "text/plain", text, body, to, List.of(), Optional.empty());
        }
        if (type.equals("message/rfc822") || type.equals("message/global") || type.equals("text/rfc822-headers")
                || type.equals("message/rfc822-headers")) {
            // only the quoted message's header block is read: a bounce is about the message, not its content, and
            // the body (often with attachments) would cost more than the whole report. Except when the quoted
            // message is itself a report: relays forward the DSN they received as a message/rfc822
            String encoding = headers.firstOrEmpty("Content-Transfer-Encoding");
            boolean identity = BodyDecoder.isIdentity(encoding);
            String decoded = identity ? text : BodyDecoder.transferDecoded(text.substring(body, to), encoding);
            int dFrom = identity ? body : 0;
            int dTo = identity ? to : decoded.length();
            int end = headerEnd(decoded, dFrom, dTo);
            HeaderList quotedHeaders = HeaderList.parse(decoded, dFrom, end);
            if (HeaderList.mediaType(quotedHeaders.firstOrEmpty("Content-Type")).equals("multipart/report")) {
                return new MimePart(headers, type, text, body, to, List.of(), Optional.of(entity(decoded, dFrom, dTo, depth + 1, "text/plain")));
            }
            MimePart quoted = new MimePart(quotedHeaders, "message/rfc822-headers", decoded, end >= dTo ? dTo : end + 1, dTo, List.of(),
                    Optional.empty());
            return new MimePart(headers, type, text, body, to, List.of(), Optional.of(quoted));
        }
        return new MimePart(headers, type, text, body, to, List.of(), Optional.empty());
    }

    /**
     * Where {@code needle} first occurs wholly inside {@code text[from, to)}, or -1. Stepped by its first character,
     * and it stops at the first one past the range: a search for the whole needle ran on to the end of the message
     * for every part whose delimiter never comes again, so the cost was parts × message size (400 such parts before
     * a 400 KB tail took 25 ms, growing with the tail, against 13 ms flat when each part was its own string). A
     * part's range ends at the LF before its parent's "--" delimiter, or at the end of the text, so the step past
     * it is one or two characters for the parser's needles ("--" and LF first), and nothing for the whole message's
     * body ({@link MimePart#bodyContains}).
     */
    static int indexOf(String text, String needle, int from, int to) {
        if (needle.isEmpty()) {
            return from <= to ? from : -1;
        }
        int last = to - needle.length();
        char first = needle.charAt(0);
        for (int i = text.indexOf(first, from); i >= 0 && i <= last; i = text.indexOf(first, i + 1)) {
            if (text.startsWith(needle, i)) {
                return i;
            }
        }
        return -1;
    }

    /** A {@code --token} line near the start of the body {@code text[from, to)} that appears again further down. */
    static Optional<String> implicitBoundary(String text, int from, int to) {
        int pos = from;
        for (int line = 0; line < 40 && pos < to; line++) {
            int eol = text.indexOf('\n', pos);
            if (eol >= to) {
                eol = -1;
            }
            String l = (eol < 0 ? text.substring(pos, to) : text.substring(pos, eol)).strip();
            if (l.startsWith("--") && l.length() > 6 && l.indexOf(' ') < 0 && !l.startsWith("---")) {
                String boundary = l.substring(2);
                if (indexOf(text, "\n" + l, eol < 0 ? to : eol, to) >= 0) {
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

    /**
     * Where the header block of {@code text[from, to)} ends: the index of the empty line's LF, or {@code to} if there
     * is no body. Walked line by line, so the search never runs past the part.
     */
    static int headerEnd(String text, int from, int to) {
        if (from < to && text.charAt(from) == '\n') {
            return from;
        }
        int pos = from;
        while (pos < to) {
            int lf = text.indexOf('\n', pos);
            if (lf < 0 || lf + 1 >= to) {
                return to;
            }
            if (text.charAt(lf + 1) == '\n') {
                return lf + 1;
            }
            pos = lf + 1;
        }
        return to;
    }

    /** The bodies between {@code --boundary} lines (RFC 2046 5.1.1) of {@code text[from, to)}, preamble and epilogue dropped. */
    static List<int[]> split(String text, int from, int to, String boundary) {
        String delimiter = "--" + boundary;
        List<int[]> out = new ArrayList<>();
        int start = -1;
        int pos = from;
        while (pos <= to) {
            int i = indexOf(text, delimiter, pos, to);
            if (i < 0) {
                break;
            }
            boolean lineStart = i == from || text.charAt(i - 1) == '\n';
            int after = i + delimiter.length();
            if (!lineStart) {
                pos = after;
                continue;
            }
            boolean close = after + 2 <= to && text.startsWith("--", after);
            int eol = text.indexOf('\n', after);
            if (eol >= to) {
                eol = -1;
            }
            if (start >= 0) {
                out.add(new int[] {start, i == from ? from : i - 1});
            }
            if (close) {
                return out;
            }
            start = eol < 0 ? to : eol + 1;
            pos = start;
        }
        if (start >= 0 && start < to) {
            out.add(new int[] {start, to});
        }
        return out;
    }
}
