package dev.mailgate.smtp;

import dev.mailgate.core.MailException;

/**
 * Preparing a message for the wire failed with an error that is not a {@link MailException}: most often the
 * transport's preparer (a provider's envelope policy, or one of yours) threw. Nothing was sent; the cause is the
 * original error. In a batch it is reported for that message only.
 */
public final class PreparationException extends MailException {
    private static final long serialVersionUID = 1L;

    public PreparationException(String messageLabel, Throwable cause) {
        super("preparing the message <" + messageLabel + "> for sending failed, nothing was sent: " + cause, cause);
    }

    /** The same preparation fails the same way again. */
    @Override
    public boolean isRetrySafe() {
        return false;
    }
}
