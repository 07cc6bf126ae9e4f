package dev.mailgate.core.validation;

import dev.mailgate.core.message.OutboundMessage;
import dev.mailgate.core.mime.MimeWriter;
import dev.mailgate.core.mime.RenderedMessage;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Runs a set of rules and collects every violation, so that a message's problems are all reported at once. */
public final class MessageValidator {
    private final List<Rule> rules;

    private MessageValidator(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static MessageValidator of(Collection<? extends Rule> rules) {
        return new MessageValidator(new ArrayList<>(rules));
    }

    public static MessageValidator of(Rule... rules) {
        return new MessageValidator(List.of(rules));
    }

    /** This validator with more rules after its own. */
    public MessageValidator and(Collection<? extends Rule> more) {
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(more);
        return new MessageValidator(all);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** Every violation of every rule, in rule order; empty when the message is valid. */
    public List<Violation> validate(RenderedMessage message) {
        List<Violation> violations = new ArrayList<>();
        for (Rule rule : rules) {
            violations.addAll(rule.check(message));
        }
        return List.copyOf(violations);
    }

    /** Renders with the standard writer and validates. */
    public List<Violation> validate(OutboundMessage message) {
        return validate(MimeWriter.standard().render(message));
    }

    /** @throws ValidationException listing every violation, if there is any */
    public void requireValid(RenderedMessage message) {
        List<Violation> violations = validate(message);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }
}
