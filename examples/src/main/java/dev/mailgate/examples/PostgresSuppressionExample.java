package dev.mailgate.examples;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.event.BounceClass;
import dev.mailgate.core.event.BounceReason;
import dev.mailgate.core.event.Diagnostic;
import dev.mailgate.core.event.EventDetails;
import dev.mailgate.core.event.MailEvent;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.suppression.SuppressionPolicy;
import dev.mailgate.suppression.Suppressions;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The suppression list on PostgreSQL, shared by every instance of an application:
 * {@code java ... PostgresSuppressionExample jdbc:postgresql://db:5432/mail?user=mail&password=...}.
 * The store creates its schema; each event is one transaction keyed by its id, so replays change nothing.
 */
public final class PostgresSuppressionExample {
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: PostgresSuppressionExample JDBC_URL (e.g. jdbc:postgresql://127.0.0.1:5432/mail?user=mail)");
            System.exit(2);
        }
        run(args[0], System.out);
    }

    public static Map<EmailAddress, SuppressionList> run(String jdbcUrl, PrintStream out) {
        // snippet:postgres
        try (JdbcSuppressionStore store = JdbcSuppressionStore.open(jdbcUrl)) {   // or open(yourDataSource)
            Suppressions suppressions = new Suppressions(store, SuppressionPolicy.builder()
                    .softBounceThreshold(3, Duration.ofDays(30))          // the CRM seed's bounce threshold
                    .build());
            suppressions.addListener(change -> out.println("changed: " + change));
            EmailAddress jane = EmailAddress.parse("jane@example.org");
            MailEvent hardBounce = new MailEvent.Bounced(
                    EventDetails.builder("example", Instant.now()).recipient(jane).eventId("bounce-1").build(),
                    BounceClass.HARD, BounceReason.USER_UNKNOWN, Diagnostic.NONE);
            suppressions.ingest(hardBounce);
            suppressions.ingest(hardBounce);                              // a replay: no second change
            Map<EmailAddress, SuppressionList> blocked = suppressions.blocked(List.of(jane, EmailAddress.parse("joe@example.org")), Optional.empty());
            out.println("blocked: " + blocked);
            return blocked;
        }
        // end:postgres
    }
}
