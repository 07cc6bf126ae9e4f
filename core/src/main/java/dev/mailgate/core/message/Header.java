package dev.mailgate.core.message;

import java.util.Objects;

/**
 * One header field: its name and its unfolded value. A plain value; {@link EmailMessage.Builder#header} is where
 * names and values are checked before they can reach the wire.
 */
public record Header(String name, String value) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** Header names compare case-insensitively (RFC 5322 section 1.2.2). */
    public boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }
}
