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

    /** Say nothing for this long, then close the connection: for timeout tests. */
    record Stall(Duration duration) implements ServerAction {
        public Stall {
            Objects.requireNonNull(duration, "duration");
        }
    }

    static ServerAction reply(String... lines) {
        return new Reply(java.util.List.of(lines));
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
}
