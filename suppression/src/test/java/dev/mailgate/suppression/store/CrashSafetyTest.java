package dev.mailgate.suppression.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.address.EmailAddress;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kills a JVM in the middle of ingesting (SIGKILL, no shutdown hooks) and checks that no acknowledged change is lost. */
class CrashSafetyTest {
    @Test
    void noAcknowledgedChangeIsLostWhenTheJvmIsKilled(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("crash");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), CrashChild.class.getName(), url).redirectErrorStream(true).start();
        int acknowledged = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ack ")) {
                    acknowledged = Integer.parseInt(line.substring(4));
                    if (acknowledged >= 300) {
                        child.destroyForcibly(); // SIGKILL mid-ingestion
                        break;
                    }
                } else {
                    throw new AssertionError("child said: " + line);
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(acknowledged).isGreaterThanOrEqualTo(300);
        try (SuppressionStore store = JdbcSuppressionStore.open(url)) {
            List<EmailAddress> acked = new ArrayList<>();
            for (int i = 0; i <= acknowledged; i++) {
                acked.add(EmailAddress.parse("user" + i + "@example.org"));
            }
            assertThat(store.blocked(acked, Optional.empty())).hasSize(acked.size());
            // the store is usable after the crash, and a replay of acknowledged events changes nothing
            assertThat(store.count(acked.get(0), dev.mailgate.suppression.EventClass.HARD)).isEqualTo(1);
        }
    }
}
