package dev.mailgate.cli.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.cli.CliRun;
import dev.mailgate.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.mailgate.suppression.store.JdbcSuppressionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's commands against a real H2 file store. */
class SuppressionCommandTest {
    @TempDir
    Path dir;

    private String store() {
        return "jdbc:h2:file:" + dir.resolve("suppressions");
    }

    @Test
    void addListRemoveExportImport() throws Exception {
        CliRun add = new CliRun();
        assertThat(add.run("suppression", "add", "--store", store(), "--reason", "asked by phone", "jane@example.org", "john@example.org"))
                .as(add.err()).isEqualTo(ExitCodes.OK);
        assertThat(add.out()).contains("added jane@example.org");
        CliRun unsub = new CliRun();
        assertThat(unsub.run("suppression", "add", "--store", store(), "--list", "unsubscribed", "--scope", "campaign:nov", "kim@example.org"))
                .isEqualTo(ExitCodes.OK);

        CliRun list = new CliRun();
        assertThat(list.run("suppression", "list", "--store", store(), "--format", "json")).isEqualTo(ExitCodes.OK);
        assertThat(list.out().lines()).hasSize(2);
        assertThat(new ObjectMapper().readTree(list.out().lines().findFirst().orElseThrow()).get("reason").asText()).isEqualTo("asked by phone");

        CliRun remove = new CliRun();
        assertThat(remove.run("suppression", "remove", "--store", store(), "--reason", "mailbox fixed", "john@example.org")).isEqualTo(ExitCodes.OK);
        CliRun missing = new CliRun();
        assertThat(missing.run("suppression", "remove", "--store", store(), "--reason", "x", "nobody@example.org")).isEqualTo(ExitCodes.INVALID_INPUT);

        Path csv = dir.resolve("out.csv");
        assertThat(new CliRun().run("suppression", "export", "--store", store(), "-o", csv.toString())).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllLines(csv)).hasSize(2).first().asString().isEqualTo("address,list,campaign,reason,source,at");

        String other = "jdbc:h2:file:" + dir.resolve("other");
        CliRun imp = new CliRun();
        assertThat(imp.run("suppression", "import", "--store", other, csv.toString())).as(imp.err()).isEqualTo(ExitCodes.OK);
        assertThat(imp.out()).contains("1 entries added");
        CliRun tsv = new CliRun();
        tsv.run("suppression", "list", "--store", other);
        assertThat(tsv.out().lines()).hasSize(2).last().asString().startsWith("jane@example.org\tsuppressed\t\tasked by phone");
    }

    /** Issue 19: there was no way to requeue what the endpoint refused. */
    @Test
    void outboxRequeuePutsRefusedItemsBackInLine() {
        try (JdbcSuppressionStore s = JdbcSuppressionStore.open(store())) {
            s.outbox().add("crm", List.of(new byte[] {1}, new byte[] {2}));
            s.outbox().refused(List.of(s.outbox().pending("crm", 10).get(0).id()), "HTTP 422");
        }
        CliRun status = new CliRun();
        assertThat(status.run("suppression", "outbox", "status", "--store", store(), "--destination", "crm")).as(status.err()).isEqualTo(ExitCodes.OK);
        assertThat(status.out()).contains("crm: 1 pending, 1 refused");
        CliRun requeue = new CliRun();
        assertThat(requeue.run("suppression", "outbox", "requeue", "--store", store(), "--destination", "crm", "--format", "json"))
                .as(requeue.err()).isEqualTo(ExitCodes.OK);
        assertThat(requeue.out().strip()).isEqualTo("{\"destination\":\"crm\",\"requeued\":1}");
        try (JdbcSuppressionStore s = JdbcSuppressionStore.open(store())) {
            assertThat(s.outbox().pending("crm", 10)).hasSize(2);
        }
        CliRun missing = new CliRun();
        assertThat(missing.run("suppression", "outbox", "requeue", "--store", store())).isNotEqualTo(ExitCodes.OK);
        assertThat(missing.err()).contains("--destination");
    }

    @Test
    void badInputIsAClearError() {
        CliRun bad = new CliRun();
        assertThat(bad.run("suppression", "add", "--store", store(), "--scope", "campaign:", "a@example.org")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(bad.err()).contains("--scope");
        CliRun addr = new CliRun();
        assertThat(addr.run("suppression", "add", "--store", store(), "not an address")).isEqualTo(ExitCodes.INVALID_INPUT);
        CliRun url = new CliRun();
        assertThat(url.run("suppression", "list", "--store", "jdbc:nope:x")).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(url.err()).contains("cannot connect");
    }

    @Test
    void jsonOutputForAddRemoveAndImport() throws Exception {
        CliRun add = new CliRun();
        assertThat(add.run("suppression", "add", "--store", store(), "--format", "json", "jane@example.org", "jane@example.org")).isEqualTo(ExitCodes.OK);
        assertThat(add.out().lines().toList()).containsExactly("{\"address\":\"jane@example.org\",\"added\":true}",
                "{\"address\":\"jane@example.org\",\"added\":false}");
        CliRun remove = new CliRun();
        assertThat(remove.run("suppression", "remove", "--store", store(), "--reason", "fixed", "--format", "json", "jane@example.org")).isEqualTo(ExitCodes.OK);
        assertThat(remove.out().strip()).isEqualTo("{\"address\":\"jane@example.org\",\"removed\":true}");
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("import", ".csv");
        java.nio.file.Files.writeString(csv, dev.mailgate.suppression.SuppressionCsv.HEADER + "\nkim@example.org,suppressed,,bounce,import,2026-11-23T10:00:00Z\n");
        CliRun imp = new CliRun();
        assertThat(imp.run("suppression", "import", "--store", store(), "--format", "json", csv.toString())).as(imp.err()).isEqualTo(ExitCodes.OK);
        assertThat(imp.out().strip()).isEqualTo("{\"file\":\"" + csv + "\",\"added\":1}");
    }
}
