package dev.mailgate.deliverability.dns;

import dev.mailgate.core.MailException;

/** A lookup that got no usable answer: timeout, SERVFAIL or REFUSED, or a malformed or mismatched response. */
public final class DnsException extends MailException {
    private static final long serialVersionUID = 1L;

    public DnsException(String message) {
        super(message);
    }

    public DnsException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A lookup changes nothing; asking again is harmless and may work. */
    @Override
    public boolean isRetrySafe() {
        return true;
    }
}
