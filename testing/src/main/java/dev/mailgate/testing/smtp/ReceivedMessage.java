package dev.mailgate.testing.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A message the {@link TestSmtpServer} accepted.
 *
 * @param mailFrom the reverse-path as sent (without angle brackets; empty for {@code <>})
 * @param mailParameters the MAIL FROM parameters as sent, e.g. {@code SIZE=1234 BODY=8BITMIME}
 * @param recipients the accepted forward-paths
 * @param rcptParameters the parameters of each accepted RCPT, in the same order
 * @param content the message as the server stores it: dot-unstuffed, without the terminating {@code .} line
 * @param wire the DATA bytes exactly as they arrived, dot-stuffing and terminator included
 * @param tls whether the session was encrypted when the message arrived
 * @param authenticatedAs the user the session authenticated as, or empty
 */
public record ReceivedMessage(String mailFrom, String mailParameters, List<String> recipients, List<String> rcptParameters,
                              byte[] content, byte[] wire, boolean tls, String authenticatedAs) {
    public ReceivedMessage {
        recipients = List.copyOf(recipients);
        rcptParameters = List.copyOf(rcptParameters);
    }

    /** The Message-ID header's value without angle brackets, if the content has one in its header block. */
    public java.util.Optional<String> messageId() {
        String c = contentAsString();
        int headerEnd = c.indexOf("\r\n\r\n");
        String head = "\r\n" + (headerEnd < 0 ? c : c.substring(0, headerEnd));
        int i = head.toLowerCase(java.util.Locale.ROOT).indexOf("\r\nmessage-id:");
        if (i < 0) {
            return java.util.Optional.empty();
        }
        int start = head.indexOf('<', i);
        int end = start < 0 ? -1 : head.indexOf('>', start);
        return start < 0 || end < 0 ? java.util.Optional.empty() : java.util.Optional.of(head.substring(start + 1, end));
    }

    public String contentAsString() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** Whether any CR or LF in the wire bytes is not part of a CRLF pair (what SMTP smuggling relies on). */
    public boolean hasBareLineBreaks() {
        for (int i = 0; i < wire.length; i++) {
            if (wire[i] == '\r' && (i + 1 == wire.length || wire[i + 1] != '\n')) {
                return true;
            }
            if (wire[i] == '\n' && (i == 0 || wire[i - 1] != '\r')) {
                return true;
            }
        }
        return false;
    }
}
