package dev.mailgate.smtp.internal;

import dev.mailgate.core.internal.ByteScan;
import dev.mailgate.core.limits.InputLimits;
import dev.mailgate.core.transport.EnhancedStatusCode;
import dev.mailgate.core.transport.SmtpReply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads RFC 5321 section 4.2 replies: {@code ddd-text} continuation lines and a final {@code ddd text} line, with
 * RFC 2034 enhanced status codes split off. Bounded, so that a lying server cannot make us buffer forever.
 */
public final class ReplyReader {
    private final InputStream in;
    /** RFC 5321 section 4.5.3.1.5 allows 512 octets; we accept more from sloppy servers, but not unbounded. */
    private final int maxLine;
    private final int maxLines;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int limit;

    /** Reads within {@link InputLimits#maxReplyLines()} and {@link InputLimits#maxReplyLineOctets()}. */
    public ReplyReader(InputStream in, InputLimits limits) {
        this.in = in;
        this.maxLine = limits.maxReplyLineOctets();
        this.maxLines = limits.maxReplyLines();
    }

    /** Whether bytes the server sent are waiting unread (after STARTTLS's 220 that means injected plaintext). */
    public boolean hasBufferedInput() {
        return pos < limit;
    }

    public SmtpReply read() throws IOException {
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1)) || !Character.isDigit(line.charAt(2))) {
                throw new ProtocolException("malformed reply line from server: \"" + printable(line) + "\"");
            }
            int lineCode = Integer.parseInt(line.substring(0, 3));
            if (lineCode < 200 || lineCode > 599) {
                throw new ProtocolException("reply code " + lineCode + " out of range in \"" + printable(line) + "\"");
            }
            if (code != -1 && lineCode != code) {
                throw new ProtocolException("reply code changed within a multi-line reply: " + code + " then " + lineCode);
            }
            code = lineCode;
            boolean more = line.length() > 3 && line.charAt(3) == '-';
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (lines.size() > maxLines) {
                throw new ProtocolException(InputLimits.exceeded("reply line count", lines.size(), maxLines, "maxReplyLines"));
            }
            if (!more) {
                break;
            }
        }
        Optional<EnhancedStatusCode> status = Optional.empty();
        List<String> text = new ArrayList<>(lines.size());
        for (String l : lines) {
            Optional<EnhancedStatusCode> s = leadingStatus(l, code);
            if (s.isPresent()) {
                status = status.or(() -> s);
                text.add(l.substring(s.get().toString().length()).strip());
            } else {
                text.add(l);
            }
        }
        return new SmtpReply(code, status, text);
    }

    /** RFC 2034: the status leads the text, and its class must match the reply's first digit. */
    private static Optional<EnhancedStatusCode> leadingStatus(String text, int code) {
        return EnhancedStatusCode.leading(text).filter(s -> s.codeClass() == code / 100);
    }

    private String readLine() throws IOException {
        if (pos == limit) {
            fill();
        }
        // RFC 8446 section 5.1: a TLS record starts with its content type, 22 (handshake) or 21 (alert). Neither can
        // start an SMTP reply, and a record has no line break to wait for: fail now, not after the read timeout.
        if (buf[pos] == 0x16 || buf[pos] == 0x15) {
            throw new TlsRecordException(String.format("the server sent a TLS record (first byte 0x%02x) where an SMTP reply was due: "
                    + "it speaks TLS from the first byte (implicit TLS, RFC 8314, usually port 465); use TlsMode.IMPLICIT", buf[pos]));
        }
        // The usual case: the whole line is in the buffer, and within the limit (the octets before the LF, a CR
        // included, as the loop below counts them): one scan for the LF, one String.
        int lf = ByteScan.indexOfLf(buf, pos, limit);
        if (lf < limit && lf - pos <= maxLine) {
            int end = lf > pos && buf[lf - 1] == '\r' ? lf - 1 : lf;
            String text = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
            pos = lf + 1;
            return text;
        }
        StringBuilder line = new StringBuilder(64);
        while (true) {
            if (pos == limit) {
                fill();
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) (b & 0xFF));
            if (line.length() > maxLine) {
                throw new ProtocolException(InputLimits.exceeded("reply line length", line.length(), maxLine, "maxReplyLineOctets"));
            }
        }
    }

    private void fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            throw new java.io.EOFException("the server closed the connection");
        }
        pos = 0;
        limit = n;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c > 0x7e ? '?' : c);
        }
        return b.toString();
    }
}
