package dev.mailgate.core.address;

import dev.mailgate.core.MailException;
import dev.mailgate.core.internal.Rfc5322;

/** An e-mail address could not be parsed; {@link #position()} is the index in {@link #input()} where it went wrong. */
public final class InvalidAddressException extends MailException {
    private static final long serialVersionUID = 1L;
    private final String input;
    private final int position;

    InvalidAddressException(String input, int position, String problem) {
        super("invalid e-mail address " + Rfc5322.printable(input) + " at position " + position + ": " + problem);
        this.input = input;
        this.position = position;
    }

    public String input() {
        return input;
    }

    /** Zero-based index into {@link #input()} of the character that made parsing fail. */
    public int position() {
        return position;
    }

    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
