package dev.mailgate.core.address;

import dev.mailgate.core.MailException;

/** An e-mail address could not be parsed; {@link #position()} is the index in {@link #input()} where it went wrong. */
public final class InvalidAddressException extends MailException {
    private static final long serialVersionUID = 1L;
    private final String input;
    private final int position;

    InvalidAddressException(String input, int position, String problem) {
        super("invalid e-mail address " + quote(input) + " at position " + position + ": " + problem);
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

    /** Renders control characters visibly so that the message itself cannot inject a line into a log. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        int shown = Math.min(s.length(), 200);
        for (int i = 0; i < shown; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                b.append(String.format("\\u%04X", (int) c));
            } else {
                b.append(c);
            }
        }
        if (shown < s.length()) {
            b.append("...(").append(s.length()).append(" chars)");
        }
        return b.append('"').toString();
    }
}
