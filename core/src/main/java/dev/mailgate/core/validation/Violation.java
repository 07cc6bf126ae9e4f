package dev.mailgate.core.validation;

import java.util.Objects;

/**
 * One broken rule.
 *
 * @param ruleId the stable id of the rule, e.g. {@code core.from-present} or {@code episerver.max-size}
 * @param field the header or message part concerned, e.g. {@code From}, {@code envelope.recipients}, {@code size}
 * @param message what is wrong and what the rule requires, for people
 */
public record Violation(String ruleId, String field, String message) {
    public Violation {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "[" + ruleId + "] " + field + ": " + message;
    }
}
