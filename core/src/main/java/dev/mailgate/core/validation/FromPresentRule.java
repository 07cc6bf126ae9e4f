package dev.mailgate.core.validation;

import dev.mailgate.core.mime.RenderedMessage;
import java.util.List;

/** RFC 5322 section 3.6: the From field is required and may occur once. */
final class FromPresentRule implements Rule {
    static final String ID = "core.from-present";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        if (message.source().isPresent()) {
            // MimeWriter writes exactly one From when the message has one, and the builder owns the field (no custom
            // "From" header can add a second): asked of the message, not of its re-parsed header block.
            return message.source().get().from().isPresent() ? List.of()
                    : List.of(new Violation(ID, "From", "the message has no From address"));
        }
        List<String> from = message.headers("From");
        if (from.isEmpty()) {
            return List.of(new Violation(ID, "From", "the message has no From address"));
        }
        if (from.size() > 1) {
            return List.of(new Violation(ID, "From", "the message has " + from.size() + " From headers; RFC 5322 section 3.6 allows one"));
        }
        if (from.get(0).isBlank()) {
            return List.of(new Violation(ID, "From", "the From header is empty"));
        }
        return List.of();
    }
}
