package dev.mailgate.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import dev.mailgate.core.suppression.SuppressionList;
import dev.mailgate.testing.db.PostgresCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The example against a real, throw-away PostgreSQL 15 cluster. */
class PostgresSuppressionExampleTest {
    @Test
    void aHardBounceIsSuppressedOnceInPostgres() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var blocked = PostgresSuppressionExample.run(cluster.jdbcUrl(), new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(blocked).containsOnlyKeys(EmailAddress.parse("jane@example.org"))
                    .containsValue(SuppressionList.SUPPRESSED);
            assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("changed:"))).hasSize(1);
        }
    }
}
