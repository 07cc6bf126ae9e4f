package dev.mailgate.episerver.rule;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.List;

/** Seed: "The email must contain exactly one "to" header with a valid email address." */
final class SingleToRule implements Rule {
    @Override
    public String id() {
        return "episerver.single-to";
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        List<String> to = message.headers("To");
        if (to.size() != 1) {
            return List.of(new Violation(id(), "To", to.size() + " To headers; Episerver: \"exactly one 'to' header with a valid "
                    + "email address\" (send one message per recipient: EpiserverMessages.perRecipient)"));
        }
        String[] problem = new String[1];
        List<EmailAddress> addresses = Addresses.parse(to.get(0), problem);
        if (addresses == null) {
            return List.of(new Violation(id(), "To", "not a valid email address: " + problem[0]));
        }
        if (addresses.size() != 1) {
            return List.of(new Violation(id(), "To", "the To header holds " + addresses.size()
                    + " addresses; Episerver requires exactly one"));
        }
        return List.of();
    }
}
