package dev.mailgate.episerver.rule;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.address.InvalidAddressException;
import java.util.List;

/** Address lists read from header values for rules: a value that does not parse is a finding, not an exception. */
final class Addresses {
    /** The parsed list, or null with {@code problem[0]} set when the value is not a valid address list. */
    static List<EmailAddress> parse(String value, String[] problem) {
        try {
            return EmailAddress.parseList(value);
        } catch (InvalidAddressException | IllegalArgumentException e) {
            problem[0] = e.getMessage();
            return null;
        }
    }

    private Addresses() {
    }
}
