package dev.mailgate.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailgate.core.event.EventType;
import dev.mailgate.core.event.MailEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Genuine bounces from a real Postfix (bounces/postfix-3.7, made by scripts/make-postfix-bounces.sh), not from the
 * sample corpus the rules were written from: each failed recipient must get the class, reason and status its
 * failure calls for, and the event must point back to the message that was sent.
 */
class PostfixBouncesTest {
    private static final BounceParser PARSER = BounceParser.create();

    record Row(String file, String recipient, String verdict, String reason, String status) {
        @Override
        public String toString() {
            return file + " " + recipient;
        }
    }

    static Stream<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : new String(read("expected.tsv"), StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t");
            rows.add(new Row(c[0], c[1], c[2], c[3], c[4]));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachFailedRecipientIsClassifiedByWhatHappened(Row row) throws IOException {
        BounceReport report = PARSER.parse(read(row.file()));

        assertThat(report.format()).isEqualTo(ReportFormat.DELIVERY_STATUS);
        BounceRecipient r = report.recipients().stream().filter(x -> x.recipient().equals(row.recipient())).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + row.recipient() + " in " + report.recipients()));
        assertThat(r.verdict().id()).as("class").isEqualTo(row.verdict());
        assertThat(r.reasonId()).as("reason").isEqualTo(row.reason());
        assertThat(r.effectiveStatus().map(Object::toString)).as("status").contains(row.status());
        String sent = row.file().replaceFirst("(-\\d+)?\\.eml$", "") + "@mta.mailgate.test";
        assertThat(report.original().messageId()).as("the newsletter's Message-ID").contains(sent);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void aTemporaryFailureTheMtaGaveUpOnIsABounceNotADeferral(Row row) throws IOException {
        List<MailEvent> events = PARSER.parse(read(row.file())).toEvents(Instant.parse("2026-11-24T05:00:00Z"));

        MailEvent event = events.stream().filter(e -> e.recipient().map(a -> a.toString().equals(row.recipient())).orElse(false))
                .findFirst().orElseThrow();
        // Postfix returns the message with "Action: failed" after its queue lifetime even for a 4.x.x status
        assertThat(event.type()).isEqualTo(EventType.BOUNCED);
    }

    private static byte[] read(String name) throws IOException {
        return BounceParserTest.fixture("postfix-3.7/" + name);
    }
}
