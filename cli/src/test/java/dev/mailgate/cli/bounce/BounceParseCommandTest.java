package dev.mailgate.cli.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailgate.cli.ExitCodes;
import dev.mailgate.cli.CliRun;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BounceParseCommandTest {
    @TempDir
    Path dir;

    private final CliRun cli = new CliRun();

    private int run(String... args) {
        return cli.run(args);
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(BounceParseCommandTest.class.getResource("/bounce/" + name).toURI());
    }

    private List<String> lines() {
        return cli.out().lines().toList();
    }

    @Test
    void tsvHasAHeaderAndOneRowPerRecipient() throws Exception {
        int code = run("bounce", "parse", "--format", "tsv", fixture("multi-recipient-dsn.eml").toString());

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(lines().get(0)).startsWith("#").contains("file\trecipient\tverdict\treason\tstatus\tdiagnostic");
        assertThat(lines()).hasSize(4);
        String file = fixture("multi-recipient-dsn.eml").toString();
        assertThat(lines().get(1)).isEqualTo(file + "\tgone@example.org\thard\tuserunknown\t5.1.1\t550 5.1.1 <gone@example.org>... User unknown");
        assertThat(lines().get(2).split("\t")).containsExactly(file, "full@example.org", "soft", "mailboxfull", "5.2.2",
                "552 5.2.2 <full@example.org>... Mailbox full");
        assertThat(lines().get(3).split("\t", -1)).startsWith(file, "happy@example.org", "delivered", "delivered", "2.0.0");
    }

    @Test
    void directoriesAreWalkedAndNamedRelativeToTheDirectory() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("in/sub"));
        Files.copy(fixture("delayed-dsn.eml"), sub.resolve("a.eml"));
        Files.copy(fixture("newsletter-reply.eml"), dir.resolve("in/b.eml"));
        Files.writeString(dir.resolve("in/notes.txt"), "not an eml file");

        int code = run("bounce", "parse", dir.resolve("in").toString());

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(lines()).hasSize(3);
        assertThat(lines().get(1).split("\t", -1)).startsWith("b.eml", "", "unknown");
        assertThat(lines().get(2).split("\t", -1)).startsWith(Path.of("sub", "a.eml").toString(), "slow@example.org", "soft",
                "networkerror", "4.4.1");
    }

    @Test
    void anMboxGivesOneEntryPerMessage() throws Exception {
        int code = run("bounce", "parse", "--format", "json", fixture("two-messages.mbox").toString());

        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
        JsonNode rows = new ObjectMapper().readTree(cli.out());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("file").asText()).endsWith("two-messages.mbox#1");
        assertThat(rows.get(0).get("recipient").asText()).isEqualTo("slow@example.org");
        assertThat(rows.get(0).get("originalMessageId").asText()).isEqualTo("news-2026-11.slow@example.com");
        assertThat(rows.get(0).get("envelopeId").asText()).isEqualTo("send-42");
        assertThat(rows.get(1).get("file").asText()).endsWith("two-messages.mbox#2");
        assertThat(rows.get(1).get("verdict").asText()).isEqualTo("unknown");
        assertThat(rows.get(1).get("problem").asText()).contains("not a bounce");
    }

    @Test
    void aBigMboxShowsProgressOnStandardError() throws Exception {
        byte[] one = Files.readAllBytes(fixture("multi-recipient-dsn.eml"));
        Path mbox = dir.resolve("big.mbox");
        try (var out = Files.newOutputStream(mbox)) {
            for (int i = 0; i < 2_100; i++) {
                out.write("From MAILER-DAEMON Mon Nov 23 10:00:00 2026\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                out.write(one);
                out.write('\n');
            }
        }
        int code = run("bounce", "parse", "--progress", mbox.toString());
        assertThat(code).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.err().lines().toList()).hasSize(3).first().asString().startsWith("parsed 1,000 messages (");
        assertThat(cli.err()).contains("parsed 2,100 messages");
        assertThat(lines()).hasSize(1 + 2_100 * 3);
    }

    @Test
    void anUnreadableInputIsReportedAndTheOthersStillPrinted() throws Exception {
        int code = run("bounce", "parse", dir.resolve("missing.eml").toString(), fixture("delayed-dsn.eml").toString());

        assertThat(code).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(cli.err()).contains("cannot read").contains("missing.eml");
        assertThat(lines()).hasSize(2);
    }

    @Test
    void tabsAndLineBreaksNeverSplitARow() {
        assertThat(BounceParseCommand.cell("a\tb\r\nc")).isEqualTo("a b  c");
    }
}
