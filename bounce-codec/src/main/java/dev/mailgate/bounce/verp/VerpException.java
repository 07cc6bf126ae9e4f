package dev.mailgate.bounce.verp;

/** A VERP address cannot be made for these inputs (too long for RFC 5321, not representable in ASCII, bad token). */
public final class VerpException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public VerpException(String message) {
        super(message);
    }
}
