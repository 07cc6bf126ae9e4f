package dev.mailgate.episerver.rule;

import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Seed: "A message ID header must be set and must have the pattern {@code <32hhr34-42hkjh42@example.com>}." Read
 * as: exactly one Message-ID, angle brackets, a left part of letters, digits, '.', '_' and '-' (starting and ending
 * with a letter or digit, as the example), '@', and a host name. The provider's generator
 * ({@code EpiserverMessageIds}) and the core default generator both produce this form.
 */
final class MessageIdRule implements Rule {
    static final Pattern FORM = Pattern.compile(
            "<[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+>");

    @Override
    public String id() {
        return "episerver.message-id";
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        List<String> ids = message.headers("Message-ID");
        if (ids.isEmpty()) {
            return List.of(new Violation(id(), "Message-ID", "no Message-ID header; Episerver: \"A message ID header must be set\""));
        }
        if (ids.size() > 1) {
            return List.of(new Violation(id(), "Message-ID", ids.size() + " Message-ID headers; exactly one must be set"));
        }
        String id = ids.get(0).strip();
        if (!FORM.matcher(id).matches()) {
            return List.of(new Violation(id(), "Message-ID", "\"" + id + "\" does not have the pattern Episerver requires, "
                    + "<32hhr34-42hkjh42@example.com> (letters, digits, '.', '_', '-' before '@', a host name after)"));
        }
        return List.of();
    }
}
