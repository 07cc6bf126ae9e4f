package dev.mailgate.suppression.shared;

/**
 * The messages of one bounce mailbox already handled, kept in the shared database ({@code mg_processed}) instead of
 * (or as well as) a local {@code processed.log}: the instance that takes the mailbox over from a dead one skips what
 * that one handled but did not move yet. For the poller: {@code ProcessedMessages.of(records::contains, records::add)}.
 */
public interface ProcessedRecords {
    boolean contains(String messageKey);

    /** Records a key (durable when it returns; recording it twice is harmless). */
    void add(String messageKey);
}
