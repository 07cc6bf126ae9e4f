package dev.mailgate.episerver.rule;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.List;

/** Seed: "A maximum of one "reply-to" header must be set." Read as one header holding at most one address. */
final class SingleReplyToRule implements Rule {
    @Override
    public String id() {
        return "episerver.single-reply-to";
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        List<String> replyTo = message.headers("Reply-To");
        if (replyTo.size() > 1) {
            return List.of(new Violation(id(), "Reply-To", replyTo.size() + " Reply-To headers; Episerver: \"A maximum of one "
                    + "'reply-to' header must be set\""));
        }
        if (replyTo.size() == 1) {
            String[] problem = new String[1];
            List<EmailAddress> addresses = Addresses.parse(replyTo.get(0), problem);
            if (addresses == null) {
                return List.of(new Violation(id(), "Reply-To", "not a valid email address: " + problem[0]));
            }
            if (addresses.size() > 1) {
                return List.of(new Violation(id(), "Reply-To", "the Reply-To header holds " + addresses.size()
                        + " addresses; at most one is allowed"));
            }
        }
        return List.of();
    }
}
