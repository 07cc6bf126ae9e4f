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
