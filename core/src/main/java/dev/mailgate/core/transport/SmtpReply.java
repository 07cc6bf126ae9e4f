package dev.mailgate.core.transport;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A server reply (RFC 5321 section 4.2): the three-digit code, the RFC 3463 enhanced status if the server sent one
 * (RFC 2034), and the text lines without code and status.
 */
public record SmtpReply(int code, Optional<EnhancedStatusCode> status, List<String> lines) {
    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("SMTP reply code must be 200-599, was " + code);
        }
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(lines);
    }

    public static SmtpReply of(int code, String text) {
        Optional<EnhancedStatusCode> status = EnhancedStatusCode.leading(text);
        String rest = text.strip();
        return new SmtpReply(code, status, List.of(status.map(s -> rest.substring(s.toString().length()).strip()).orElse(rest)));
    }

    public static SmtpReply of(int code, EnhancedStatusCode status, String text) {
        return new SmtpReply(code, Optional.of(status), List.of(text));
    }

    /** The text lines joined with a space. */
    public String text() {
        return String.join(" ", lines);
    }

    public boolean isPositive() {
        return code < 400;
    }

    /** 4yz: the same command may succeed later (RFC 5321 section 4.2.1). */
    public boolean isTransientFailure() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanentFailure() {
        return code >= 500;
    }

    @Override
    public String toString() {
        return code + status.map(s -> " " + s).orElse("") + (lines.isEmpty() ? "" : " " + text());
    }
}
