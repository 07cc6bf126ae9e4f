package dev.mailgate.suppression.store;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.AddressKey;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.ExclusionPolicy;
import dev.mailgate.suppression.SuppressionEntry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where suppression and unsubscribe lists, counters and ingested event keys live. Implementations: in memory
 * ({@link InMemorySuppressionStore}, tests), and {@link JdbcSuppressionStore} for an embedded H2 file (the durable
 * default that needs no server) or PostgreSQL (several application instances sharing one list). Every address is
 * matched by its {@link AddressKey}; entries keep the address as written.
 */
public interface SuppressionStore extends AutoCloseable {
    /**
     * Applies one event's effect atomically; an event key seen before (and not yet pruned, {@link #pruneEvents})
     * changes nothing. A counted event counts in a sliding window: the count is the number of the class's events
     * less than {@code window} older than the newest of them.
     */
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
     * Which of the addresses may not be mailed for the campaign: suppressed, or unsubscribed as the exclusion policy
     * says (globally or from this campaign; or, under {@link ExclusionPolicy#GLOBAL}, from any campaign). One query
     * for the whole collection; every spelling the caller passed is reported as passed.
     */
    Map<EmailAddress, SuppressionList> blocked(Collection<EmailAddress> addresses, Optional<String> campaign, ExclusionPolicy exclusion);

    /** {@link #blocked(Collection, Optional, ExclusionPolicy)} under the default {@link ExclusionPolicy#CAMPAIGN}. */
    default Map<EmailAddress, SuppressionList> blocked(Collection<EmailAddress> addresses, Optional<String> campaign) {
        return blocked(addresses, campaign, ExclusionPolicy.CAMPAIGN);
    }

    List<SuppressionEntry> list(SuppressionList list);

    /** The class's count for an address in its sliding window, as of the newest counted event (0 when none). */
    int count(EmailAddress address, EventClass eventClass);

    /** Clears an address's counters (an operator's reset); empty clears every class. */
    void resetCounts(EmailAddress address, Optional<EventClass> eventClass);

    List<AuditRecord> audit(EmailAddress address);

    /**
     * Forgets the keys of events first stored before {@code storedBefore} (the retention job, {@link EventRetention});
     * an event replayed after its key is gone is applied again, so the retention is the de-duplication window.
     *
     * @return how many keys were removed
     */
    int pruneEvents(Instant storedBefore);

    /** The durable outbox of the callback publishers, in the same database. */
    CallbackOutbox outbox();

    @Override
    void close();
}
