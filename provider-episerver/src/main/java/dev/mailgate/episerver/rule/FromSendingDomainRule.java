package dev.mailgate.episerver.rule;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.List;

/**
 * Seed: "exactly one "from" header with a valid email address. The domain of this address must be identical with
 * the sending domain configured in your client." Compared case-insensitively, IDNs in punycode.
 */
final class FromSendingDomainRule implements Rule {
    private final String sendingDomain;

    FromSendingDomainRule(String sendingDomain) {
        this.sendingDomain = sendingDomain;
    }

    @Override
    public String id() {
        return "episerver.from-sending-domain";
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        List<String> from = message.headers("From");
        if (from.size() != 1) {
            return List.of(new Violation(id(), "From", from.size() + " From headers; Episerver: \"exactly one 'from' header "
                    + "with a valid email address\""));
        }
        String[] problem = new String[1];
        List<EmailAddress> addresses = Addresses.parse(from.get(0), problem);
        if (addresses == null) {
            return List.of(new Violation(id(), "From", "not a valid email address: " + problem[0]));
        }
        if (addresses.size() != 1) {
            return List.of(new Violation(id(), "From", "the From header holds " + addresses.size() + " addresses; Episerver requires one"));
        }
        String domain = addresses.get(0).normalizedDomain();
        if (!domain.equals(sendingDomain)) {
            return List.of(new Violation(id(), "From", "the From domain " + domain + " is not the sending domain " + sendingDomain
                    + "; Episerver: \"The domain of this address must be identical with the sending domain\""));
        }
        return List.of();
    }
}
