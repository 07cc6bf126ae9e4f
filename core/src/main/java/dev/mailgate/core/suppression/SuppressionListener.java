package dev.mailgate.core.suppression;

/**
 * Told of every change to the suppression and unsubscribe lists, after it is stored. A listener that throws does
 * not undo the change and does not stop other listeners from being told.
 */
@FunctionalInterface
public interface SuppressionListener {
    void onChange(SuppressionChange change);
}
