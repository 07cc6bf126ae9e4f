package dev.mailgate.episerver.rule;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed: "Do not set a cc or bcc header." Our writer never puts Bcc on the wire, so Bcc is checked where it hides:
 * in the message's Bcc list and in envelope recipients that the To header does not name (a blind copy either way).
 */
final class NoCcBccRule implements Rule {
    @Override
    public String id() {
        return "episerver.no-cc-bcc";
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        List<Violation> out = new ArrayList<>();
        if (!message.headers("Cc").isEmpty()) {
            out.add(new Violation(id(), "Cc", "a Cc header is set; Episerver: \"Do not set a cc or bcc header\""));
        }
        if (!message.headers("Bcc").isEmpty() || message.source().map(m -> !m.bcc().isEmpty()).orElse(false)) {
            out.add(new Violation(id(), "Bcc", "Bcc recipients are set; Episerver: \"Do not set a cc or bcc header\""));
        } else {
            List<EmailAddress> named = new ArrayList<>();
            for (String field : List.of("To", "Cc")) {
                for (String value : message.headers(field)) {
                    List<EmailAddress> parsed = Addresses.parse(value, new String[1]);
                    if (parsed != null) {
                        named.addAll(parsed);
                    }
                }
            }
            List<EmailAddress> hidden = new ArrayList<>(message.envelope().recipients());
            hidden.removeAll(named);
            if (!hidden.isEmpty()) {
                out.add(new Violation(id(), "envelope.recipients", "the envelope has recipients the To header does not name "
                        + hidden.stream().map(EmailAddress::address).toList() + ": blind copies, which Episerver does not allow"));
            }
        }
        return out;
    }
}
