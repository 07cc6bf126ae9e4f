package dev.mailgate.suppression.store;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.SuppressionEntry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where suppression and unsubscribe lists, counters and ingested event keys live. Implementations: in memory
 * ({@link InMemorySuppressionStore}, tests), and {@link JdbcSuppressionStore} for an embedded H2 file (the durable
 * default that needs no server) or PostgreSQL (several application instances sharing one list).
 */
public interface SuppressionStore extends AutoCloseable {
    /** Applies one event's effect atomically; an event key seen before changes nothing. */
    IngestResult ingest(Ingestion ingestion);

    /**
     * Applies several events in one transaction where the store has them (one commit instead of one per event:
     * what makes a shared database keep up with a busy webhook), with the same once-per-key guarantee.
     */
    default List<IngestResult> ingestAll(List<Ingestion> ingestions) {
        return ingestions.stream().map(this::ingest).toList();
    }

    /** Adds an entry (an operator's, an import's); false when the address is already on that list in that scope. */
    boolean add(SuppressionEntry entry);

    /** Removes an entry with a reason kept in the audit trail; false when there was none. */
    boolean remove(EmailAddress address, SuppressionList list, Optional<String> campaign, String reason, String source);

    /**
     * Which of the addresses may not be mailed for the campaign: suppressed, unsubscribed globally, or unsubscribed
     * from this campaign. One query for the whole collection.
     */
    Map<EmailAddress, SuppressionList> blocked(Collection<EmailAddress> addresses, Optional<String> campaign);

    List<SuppressionEntry> list(SuppressionList list);

    /** The current count of a class for an address (0 when none or expired is not decided here: the raw count). */
    int count(EmailAddress address, EventClass eventClass);

    /** Clears an address's counters (an operator's reset); empty clears every class. */
    void resetCounts(EmailAddress address, Optional<EventClass> eventClass);

    List<AuditRecord> audit(EmailAddress address);

    /** Puts events (each encoded alone) in the durable outbox of a callback destination. */
    void outboxAdd(String destination, List<byte[]> payloads);

    /** The oldest pending items of a destination, at most {@code max}. */
    List<OutboxItem> outboxPending(String destination, int max);

    /** Items delivered: gone from the outbox. */
    void outboxDelivered(List<Long> ids);

    /** Items not delivered: another attempt counted, and when {@code failed} they are kept aside, not retried. */
    void outboxAttempted(List<Long> ids, boolean failed, String error);

    /** How many items of a destination are pending, and how many were given up as failed. */
    int outboxCount(String destination, boolean failed);

    @Override
    void close();
}
