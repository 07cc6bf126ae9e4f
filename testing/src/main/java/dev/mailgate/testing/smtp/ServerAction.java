package dev.mailgate.testing.smtp;

import java.time.Duration;
import java.util.Objects;

/** What the {@link TestSmtpServer} does instead of its normal answer to a command. */
public sealed interface ServerAction {
    /** Answer with these reply lines, e.g. {@code "550 5.1.1 user unknown"} (multi-line: several strings). */
    record Reply(java.util.List<String> lines) implements ServerAction {
        public Reply {
            lines = java.util.List.copyOf(lines);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("a reply needs at least one line");
            }
        }
    }

    /** Send these exact characters (CRLFs included), e.g. two replies in one packet to test injection defences. */
    record Raw(String text) implements ServerAction {
        public Raw {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Close the connection without answering. */
    record Disconnect() implements ServerAction {
    }

    /**
     * Answer with these reply lines after this long, then go on as normal: a slow server (a greeting that takes a
     * while, as from a server doing DNS checks on the client) rather than a stalled one.
     */
    record Delayed(Duration delay, java.util.List<String> lines) implements ServerAction {
        public Delayed {
            Objects.requireNonNull(delay, "delay");
            lines = java.util.List.copyOf(lines);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("a reply needs at least one line");
            }
        }
    }

    /** Say nothing for this long, then close the connection: for timeout tests. */
    record Stall(Duration duration) implements ServerAction {
        public Stall {
            Objects.requireNonNull(duration, "duration");
        }
    }

    /**
     * Answer with these reply lines, then stop reading (for this long, then close): a server whose client's writes
     * fill the socket buffers and block, e.g. {@code on("DATA", stopReading(d, "354 go ahead"))}.
     */
    record StopReading(Duration duration, java.util.List<String> lines) implements ServerAction {
        public StopReading {
            Objects.requireNonNull(duration, "duration");
            lines = java.util.List.copyOf(lines);
        }
    }

    /**
     * Send {@code prefix} at once, then {@code dripped} one octet at a time with {@code interval} before each, then
     * close: a server (or tarpit) that keeps every read of its client just inside the read timeout, mid-greeting,
     * mid-reply or mid-TLS-handshake (drip the octets of a TLS record).
     */
    record Drip(byte[] prefix, byte[] dripped, Duration interval) implements ServerAction {
        public Drip {
            prefix = prefix.clone();
            dripped = dripped.clone();
            Objects.requireNonNull(interval, "interval");
        }
    }

    static ServerAction reply(String... lines) {
        return new Reply(java.util.List.of(lines));
    }

    static ServerAction delayed(Duration delay, String... lines) {
        return new Delayed(delay, java.util.List.of(lines));
    }

    static ServerAction raw(String text) {
        return new Raw(text);
    }

    static ServerAction disconnect() {
        return new Disconnect();
    }

    static ServerAction stall(Duration duration) {
        return new Stall(duration);
    }

    /** Answer with these reply lines, then close: Postfix's "421 4.3.2 Service shutting down" to a RCPT. */
    static ServerAction replyAndClose(String... lines) {
        return new StopReading(Duration.ZERO, java.util.List.of(lines));
    }

    static ServerAction stopReading(Duration duration, String... replyLines) {
        return new StopReading(duration, java.util.List.of(replyLines));
    }

    /** Drips {@code text} (UTF-8) one octet every {@code interval}. */
    static ServerAction drip(String text, Duration interval) {
        return new Drip(new byte[0], text.getBytes(java.nio.charset.StandardCharsets.UTF_8), interval);
    }

    static ServerAction drip(byte[] prefix, byte[] dripped, Duration interval) {
        return new Drip(prefix, dripped, interval);
    }
}
