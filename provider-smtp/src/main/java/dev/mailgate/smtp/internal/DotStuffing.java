package dev.mailgate.smtp.internal;

/**
 * Prepares message content for DATA (RFC 5321 section 4.5.2): every line break becomes CRLF (a bare CR or LF
 * never reaches the wire, which closes SMTP smuggling), a line starting with '.' gets a second '.', and the
 * content ends with CRLF "." CRLF, all in one array so content and terminator go out in one write.
 */
public final class DotStuffing {
    private static final byte[] TERMINATOR = {'.', '\r', '\n'};

    private DotStuffing() {
    }

    public static byte[] encode(byte[] content) {
        int extra = 5;
        boolean lineStart = true;
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (lineStart && b == '.') {
                extra++;
            }
            if (b == '\n' && (i == 0 || content[i - 1] != '\r')) {
                extra++;
            } else if (b == '\r' && (i + 1 == content.length || content[i + 1] != '\n')) {
                extra++;
            }
            lineStart = b == '\n' || (b == '\r' && (i + 1 == content.length || content[i + 1] != '\n'));
        }
        byte[] out = new byte[content.length + extra];
        int p = 0;
        lineStart = true;
        for (int i = 0; i < content.length; i++) {
            byte b = content[i];
            if (lineStart && b == '.') {
                out[p++] = '.';
            }
            if (b == '\r') {
                out[p++] = '\r';
                out[p++] = '\n';
                if (i + 1 < content.length && content[i + 1] == '\n') {
                    i++;
                }
                lineStart = true;
            } else if (b == '\n') {
                out[p++] = '\r';
                out[p++] = '\n';
                lineStart = true;
            } else {
                out[p++] = b;
                lineStart = false;
            }
        }
        if (!lineStart) {
            out[p++] = '\r';
            out[p++] = '\n';
        }
        System.arraycopy(TERMINATOR, 0, out, p, TERMINATOR.length);
        p += TERMINATOR.length;
        return p == out.length ? out : java.util.Arrays.copyOf(out, p);
    }
}
