package dev.mailgate.bounce.mailbox;

import dev.mailgate.bounce.BounceReport;
import dev.mailgate.core.event.MailEvent;
import java.util.List;
import java.util.Objects;

/** What one pass did with one message of the monitored folder: a closed set, one case per way out. */
public sealed interface MessageVerdict {
    /** The lower-case name used in metrics ({@code handled}, {@code duplicate}, ...). */
    String id();

    /** A bounce, complaint or auto-reply: handed to the {@link BounceHandler} and moved to the processed folder. */
    record Handled(BounceReport report, List<MailEvent> events) implements MessageVerdict {
        public Handled {
            Objects.requireNonNull(report, "report");
            events = List.copyOf(events);
        }

        @Override
        public String id() {
            return "handled";
        }
    }

    /** Handled by an earlier pass (a crash between handling and moving): moved without handling it twice. */
    record Duplicate(BounceReport report) implements MessageVerdict {
        public Duplicate {
            Objects.requireNonNull(report, "report");
        }

        @Override
        public String id() {
            return "duplicate";
        }
    }

    /** Neither a bounce, a complaint nor an auto-reply: moved to the not-a-bounce folder. */
    record NotABounce(BounceReport report) implements MessageVerdict {
        public NotABounce {
            Objects.requireNonNull(report, "report");
        }

        @Override
        public String id() {
            return "not_a_bounce";
        }
    }

    /** Took longer than the message budget to read: moved to the not-a-bounce folder unhandled, not retried. */
    record OverBudget(String detail) implements MessageVerdict {
        public OverBudget {
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String id() {
            return "over_budget";
        }
    }

    /** Reading, handling or moving it failed: left in place for the next pass. */
    record Failed(Exception error) implements MessageVerdict {
        public Failed {
            Objects.requireNonNull(error, "error");
        }

        @Override
        public String id() {
            return "failed";
        }
    }
}
