package dev.mailgate.core.validation;

import dev.mailgate.core.MailException;
import java.util.List;
import java.util.stream.Collectors;

/** A message broke one or more rules; {@link #violations()} lists all of them. Nothing was sent. */
public final class ValidationException extends MailException {
    private static final long serialVersionUID = 1L;
    private final transient List<Violation> violations;

    public ValidationException(List<Violation> violations) {
        super(violations.size() + (violations.size() == 1 ? " rule violated:" : " rules violated:")
                + violations.stream().map(v -> "\n  " + v).collect(Collectors.joining()));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("a ValidationException needs at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** Retrying cannot help: the message has to change. */
    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
