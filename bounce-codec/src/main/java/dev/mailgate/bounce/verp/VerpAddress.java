package dev.mailgate.bounce.verp;

import dev.mailgate.core.address.EmailAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded VERP return path.
 *
 * @param recipient the recipient the message was sent to (empty for token-only schemes)
 * @param token the application's token, if one was encoded
 */
public record VerpAddress(Optional<EmailAddress> recipient, Optional<String> token) {
    public VerpAddress {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(token, "token");
    }
}
