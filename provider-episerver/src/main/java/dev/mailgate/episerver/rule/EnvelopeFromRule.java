package dev.mailgate.episerver.rule;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.List;
import java.util.Optional;

/** Seed: "Envelope "sender" and "from" header must be identical." */
final class EnvelopeFromRule implements Rule {
    @Override
    public String id() {
        return "episerver.envelope-from";
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        Optional<EmailAddress> from = singleFrom(message);
        Optional<EmailAddress> envelope = message.envelope().mailFrom();
        if (envelope.isEmpty()) {
            return List.of(new Violation(id(), "envelope.from", "the envelope sender is empty (<>); Episerver: \"Envelope "
                    + "'sender' and 'from' header must be identical\""));
        }
        if (from.isPresent() && !from.get().equals(envelope.get())) {
            return List.of(new Violation(id(), "envelope.from", "the envelope sender " + envelope.get().address()
                    + " differs from the From address " + from.get().address() + "; Episerver: \"Envelope 'sender' and "
                    + "'from' header must be identical\""));
        }
        return List.of();
    }

    /** The From address when there is exactly one (other cases are the from-sending-domain rule's findings). */
    static Optional<EmailAddress> singleFrom(RenderedMessage message) {
        List<String> from = message.headers("From");
        if (from.size() != 1) {
            return Optional.empty();
        }
        List<EmailAddress> addresses = Addresses.parse(from.get(0), new String[1]);
        return addresses != null && addresses.size() == 1 ? Optional.of(addresses.get(0)) : Optional.empty();
    }
}
