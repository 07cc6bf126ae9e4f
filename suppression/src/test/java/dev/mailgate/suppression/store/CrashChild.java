package dev.mailgate.suppression.store;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.EventClass;
import dev.mailgate.suppression.SuppressionEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Run by {@link CrashSafetyTest} in its own JVM: ingests events and acknowledges each on standard output, until killed. */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) {
        SuppressionStore store = JdbcSuppressionStore.open(args[0]);
        for (int i = 0; ; i++) {
            EmailAddress a = EmailAddress.parse("user" + i + "@example.org");
            SuppressionEntry e = new SuppressionEntry(a, SuppressionList.SUPPRESSED, Optional.empty(), "hard", "crash-test", Instant.now());
            store.ingest(new Ingestion("crash-" + i, a, Optional.of(EventClass.HARD), 1, Duration.ofDays(1), Optional.of(e), Set.of(), Instant.now()));
            System.out.println("ack " + i); // only after ingest returned: the change is acknowledged
            System.out.flush();
        }
    }
}
