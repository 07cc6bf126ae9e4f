package dev.mailgate.core.validation;

import dev.mailgate.core.mime.RenderedMessage;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A check of a message as rendered. A rule reports every problem it finds, not only the first, and never throws
 * for a bad message: it returns violations.
 */
public interface Rule {
    /** A stable id, prefixed with the owner: {@code core.}, {@code episerver.}, ... */
    String id();

    List<Violation> check(RenderedMessage message);

    /** A rule from a lambda. */
    static Rule of(String id, Function<RenderedMessage, List<Violation>> check) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(check, "check");
        return new Rule() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public List<Violation> check(RenderedMessage message) {
                return check.apply(message);
            }

            @Override
            public String toString() {
                return "Rule[" + id + "]";
            }
        };
    }
}
