package dev.mailgate.suppression.store;

/**
 * @param duplicate the event was ingested before; nothing changed
 * @param count the class's count after this event (0 when not counted)
 * @param added the list entry was added by this event (false if the address was already on the list)
 */
public record IngestResult(boolean duplicate, int count, boolean added) {
    public static final IngestResult DUPLICATE = new IngestResult(true, 0, false);
}
