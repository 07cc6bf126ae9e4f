package dev.mailgate.testing.smtp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** What a {@link TestSmtpServer} session reads from its client: command lines and content, bounded. */
final class ClientLines {
    private static final int MAX_LINE = 4096 * 16;
    private static final long MAX_MESSAGE = 64L * 1024 * 1024;

    private final InputStream in;

    ClientLines(InputStream raw) {
        this.in = new BufferedInputStream(raw);
    }

    /** Whether the client sent more than was read: it did not wait for a reply (RFC 2920 pipelining). */
    boolean hasMore() throws IOException {
        return in.available() > 0;
    }

    /** A command line without its line break, or null at the end of the stream. */
    String readLine() throws IOException {
        byte[] raw = readRawLine();
        if (raw == null) {
            return null;
        }
        int end = raw.length;
        while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r')) {
            end--;
        }
        return new String(raw, 0, end, StandardCharsets.UTF_8);
    }

    /** A line with its terminator (LF or CRLF), or null at the end of the stream. */
    byte[] readRawLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) != -1) {
            b.write(c);
            if (c == '\n') {
                return b.toByteArray();
            }
            if (b.size() > MAX_LINE) {
                throw new IOException("line too long");
            }
        }
        return b.size() == 0 ? null : b.toByteArray();
    }

    /** Reads the content up to the final dot into {@code wire} and (un-stuffed) {@code content}; the dot line, or null at EOF. */
    byte[] readContent(ByteArrayOutputStream wire, ByteArrayOutputStream content) throws IOException {
        boolean lineStart = true;
        byte[] line;
        while ((line = readRawLine()) != null) {
            wire.write(line);
            boolean crlf = line.length >= 2 && line[line.length - 2] == '\r' && line[line.length - 1] == '\n';
            // RFC 5321 section 4.1.1.4: CRLF "." CRLF ends the data; section 4.5.2: a leading dot is removed.
            if (lineStart && line.length == 3 && line[0] == '.' && crlf) {
                break;
            }
            int skip = lineStart && line.length > 0 && line[0] == '.' ? 1 : 0;
            content.write(line, skip, line.length - skip);
            lineStart = crlf;
            if (wire.size() > MAX_MESSAGE) {
                throw new IOException("message too large for the test server");
            }
        }
        return line;
    }
}
