package dev.mailgate.episerver.rule;

import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.List;

/**
 * Seed: "The size of each email must not exceed 300 KB." Measured on the rendered message as submitted: CRLF line
 * ends, headers and body, before SMTP dot-stuffing (which the server undoes) and without the final
 * {@code CRLF.CRLF}. 300 KB is read as 300,000 octets, the smaller of the two readings (300 × 1,024 = 307,200):
 * exceeding the limit aborts the whole dispatch, so the safe side is taken.
 */
final class MaxSizeRule implements Rule {
    static final int MAX_OCTETS = 300_000;

    @Override
    public String id() {
        return "episerver.max-size";
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        if (message.size() <= MAX_OCTETS) {
            return List.of();
        }
        return List.of(new Violation(id(), "size", "the message is " + message.size() + " octets; Episerver: \"The size of each "
                + "email must not exceed 300 KB\" (checked as " + MAX_OCTETS + " octets)"));
    }
}
