package dev.mailgate.suppression.store;

import dev.mailgate.core.MailException;

/** The suppression store could not be reached or refused an operation; nothing was changed by it. */
public final class StoreException extends MailException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Each operation is one transaction: repeating it is safe (ingestion is idempotent by event key). */
    @Override
    public boolean isRetrySafe() {
        return true;
    }
}
