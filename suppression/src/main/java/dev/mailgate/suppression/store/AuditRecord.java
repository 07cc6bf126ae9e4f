package dev.mailgate.suppression.store;

import dev.mailgate.core.suppression.SuppressionList;
import java.time.Instant;
import java.util.Optional;

/** One change to a list, kept after the entry itself is gone (operator removals included). */
public record AuditRecord(String address, SuppressionList list, Optional<String> campaign, boolean added, String reason, String source,
        Instant at) {
}
